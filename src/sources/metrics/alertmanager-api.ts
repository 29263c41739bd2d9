// Alertmanager API v2 client: the current alerts from GET /api/v2/alerts over httpGet.
import type { HttpTarget } from '../../config/profile.js';
import { decodeAlertmanagerAlerts } from '../../model/alerts-deploys/alert-decode.js';
import type { Alert } from '../../model/console-state/events.js';
import { describeBody } from '../../model/promql/prom-response.js';
import { redact } from '../../model/session/redact.js';
import { httpGet, type HttpGetOptions } from '../http-get.js';

/** An answer Alertmanager refused or that could not be decoded; `message` is safe to show. */
export class AlertmanagerApiError extends Error {
  readonly code = 'INC_ALERTMANAGER_API';
  constructor(message: string) {
    super(message);
    this.name = 'AlertmanagerApiError';
  }
}

/** The alerts Alertmanager holds, how many entries were unusable, and the round-trip time in milliseconds. */
export interface AlertsAnswer {
  alerts: Alert[];
  skipped: number;
  latencyMs: number;
}

/** Thin client for one Alertmanager. */
export class AlertmanagerApi {
  constructor(
    private readonly target: HttpTarget,
    private readonly extra: Pick<HttpGetOptions, 'dispatcher' | 'now'> = {},
  ) {}

  /** Every alert Alertmanager holds (active, silenced, inhibited, unprocessed); `now` (epoch ms) marks expired ones resolved. */
  async alerts(now: number, signal?: AbortSignal): Promise<AlertsAnswer> {
    const url = `${this.target.url.replace(/\/+$/, '')}/api/v2/alerts`;
    const answer = await httpGet(url, {
      headers: { accept: 'application/json', ...this.target.headers },
      timeoutMs: this.target.timeoutMs,
      maxBytes: 8 * 1024 * 1024,
      signal,
      secrets: this.target.secrets,
      transport: this.target.transport,
      ...this.extra,
    });
    const fail = (what: string): never => {
      throw new AlertmanagerApiError(redact(what, this.target.secrets));
    };
    let doc: unknown;
    try {
      doc = JSON.parse(answer.body);
    } catch {
      const kind = answer.contentType.split(';')[0].trim() || 'no content type';
      fail(`HTTP ${answer.status}, ${kind}: ${describeBody(answer.body)}`);
    }
    // Alertmanager answers errors with a bare JSON string.
    if (answer.status >= 400) fail(`HTTP ${answer.status}: ${typeof doc === 'string' ? describeBody(doc) : describeBody(answer.body)}`);
    const decoded = decodeAlertmanagerAlerts(doc, now);
    if (!decoded.ok) return fail(decoded.error);
    return { alerts: decoded.alerts, skipped: decoded.skipped, latencyMs: answer.latencyMs };
  }
}
