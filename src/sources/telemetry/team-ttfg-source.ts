// Reads the team's pushed TTFG back from the Prometheus that scrapes the Pushgateway.
import type { HttpTarget } from '../../config/profile.js';
import { decodeEnvelope, decodeMatrix } from '../../model/promql/prom-response.js';
import { redact } from '../../model/session/redact.js';
import { teamTtfgGroups, teamTtfgQuery, type TeamTtfgGroup } from '../../model/session/team-ttfg.js';
import { FetchError, httpGet } from '../http-get.js';

/** The groups pushed over the `rangeMs` before `nowMs`; throws FetchError (or an Error with Prometheus's reason). */
export async function readTeamTtfg(target: HttpTarget, rangeMs: number, nowMs: number): Promise<TeamTtfgGroup[]> {
  const url = new URL(`${target.url.replace(/\/+$/, '')}/api/v1/query`);
  url.searchParams.set('query', teamTtfgQuery(Math.max(1, Math.round(rangeMs / 1000))));
  url.searchParams.set('time', String(nowMs / 1000));
  const answer = await httpGet(url.toString(), {
    headers: { accept: 'application/json', ...target.headers }, timeoutMs: target.timeoutMs, secrets: target.secrets, transport: target.transport,
  });
  const decoded = decodeEnvelope(answer.status, answer.contentType, answer.body);
  if (!decoded.ok) throw new FetchError('INC_PROMETHEUS', redact(decoded.error, target.secrets));
  const series = decodeMatrix(decoded.data);
  if (typeof series === 'string') throw new FetchError('INC_PROMETHEUS', series);
  return teamTtfgGroups(series);
}
