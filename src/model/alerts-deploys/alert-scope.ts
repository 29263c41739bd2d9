// Which alerts belong on the screen: those about the service (and pod) in scope, and a count of what fires elsewhere.
import type { Alert } from '../console-state/events.js';

/** What the screen is scoped to, and the label names that carry service and pod on alerts. */
export interface AlertScope {
  service: string;
  pod?: string;
  serviceLabel: string;
  podLabel: string;
}

/** Alerts in scope, and how many firing alerts name another service. */
export interface ScopedAlerts {
  inScope: Alert[];
  firingElsewhere: number;
}

/**
 * An alert is in scope when its service label is the scoped service, or when it has no service label (a rule about
 * the platform, such as a target being down, concerns every service). Drilled down to a pod, an alert naming
 * another pod is out of scope too.
 */
export function scopeAlerts(alerts: readonly Alert[], scope: AlertScope | undefined): ScopedAlerts {
  if (!scope || !scope.service) return { inScope: [...alerts], firingElsewhere: 0 };
  const inScope: Alert[] = [];
  let firingElsewhere = 0;
  for (const a of alerts) {
    const service = a.labels[scope.serviceLabel];
    const pod = a.labels[scope.podLabel];
    const mine = (service === undefined || service === scope.service) && (!scope.pod || pod === undefined || pod === scope.pod);
    if (mine) inScope.push(a);
    else if (a.state === 'firing') firingElsewhere++;
  }
  return { inScope, firingElsewhere };
}
