import { describe, expect, it } from 'vitest';
import { scopeAlerts } from '../../../src/model/alerts-deploys/alert-scope.js';
import type { Alert } from '../../../src/model/console-state/events.js';

const alert = (name: string, labels: Record<string, string>, state: Alert['state'] = 'firing'): Alert => ({ name, state, since: 0, labels });
const alerts = [
  alert('PaymentsErrors', { service: 'payments' }),
  alert('HotPod', { service: 'payments', pod: 'payments-hot-1' }),
  alert('CeoFiring', { service: 'auth' }),
  alert('AuthSlow', { service: 'auth' }, 'pending'),
  alert('TargetDown', { job: 'node' }),
];
const names = (a: Alert[]) => a.map((x) => x.name);

describe('scopeAlerts', () => {
  it('keeps the service\'s alerts and those naming no service, and counts what fires elsewhere', () => {
    const s = scopeAlerts(alerts, { service: 'payments', serviceLabel: 'service', podLabel: 'pod' });
    expect(names(s.inScope)).toEqual(['PaymentsErrors', 'HotPod', 'TargetDown']);
    expect(s.firingElsewhere).toBe(1);
    expect(names(scopeAlerts(alerts, { service: 'auth', serviceLabel: 'service', podLabel: 'pod' }).inScope)).toEqual(['CeoFiring', 'AuthSlow', 'TargetDown']);
  });

  it('drilled down to a pod, leaves out alerts about another pod', () => {
    const s = scopeAlerts(alerts, { service: 'payments', pod: 'payments-2', serviceLabel: 'service', podLabel: 'pod' });
    expect(names(s.inScope)).toEqual(['PaymentsErrors', 'TargetDown']);
    expect(s.firingElsewhere).toBe(2);
  });

  it('without a service scope, keeps everything', () => {
    expect(scopeAlerts(alerts, undefined).inScope).toHaveLength(5);
  });
});
