// Answers Prometheus HTTP API requests (query, query_range, label values) from the simulation, in Prometheus's JSON shapes.
import { demoAlerts } from './alert-sim.js';
import { evaluate, podLabels } from './evaluate.js';
import { matches, parseDemoQuery, parseSelector } from './prom-selectors.js';
import type { DemoSimulation, PodCounters } from './simulation.js';

/** An HTTP answer: status code and JSON body text. */
export interface ApiAnswer {
  status: number;
  body: string;
}

/** Most points per series a range query may ask for, as in Prometheus. */
export const MAX_POINTS = 11_000;

const ok = (data: unknown): ApiAnswer => ({ status: 200, body: JSON.stringify({ status: 'success', data }) });
const bad = (error: string): ApiAnswer => ({ status: 400, body: JSON.stringify({ status: 'error', errorType: 'bad_data', error }) });

function promValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

/** Parses a Prometheus time parameter (unix seconds, possibly fractional, or RFC 3339) into seconds. */
export function parseTime(text: string | null | undefined, fallbackS: number): number | null {
  if (text === null || text === undefined || text === '') return fallbackS;
  const n = Number(text);
  if (Number.isFinite(n)) return n;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms / 1000 : null;
}

/** Parses a step: seconds ("15", "0.5") or a duration ("15s", "1m"). */
export function parseStep(text: string | null | undefined): number | null {
  if (!text) return null;
  const n = Number(text);
  if (Number.isFinite(n)) return n > 0 ? n : null;
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * { ms: 0.001, s: 1, m: 60, h: 3600 }[m[2] as 'ms' | 's' | 'm' | 'h'];
}

/** GET /api/v1/query: an instant vector at `time` (default `nowS`). */
export function answerQuery(sim: DemoSimulation, params: URLSearchParams, nowS: number): ApiAnswer {
  const text = (params.get('query') ?? '').trim();
  const t = parseTime(params.get('time'), nowS);
  if (t === null) return bad(`invalid parameter "time": cannot parse ${JSON.stringify(params.get('time'))} to a valid timestamp`);
  if (text === 'ALERTS' || text === 'ALERTS_FOR_STATE') {
    const result = demoAlerts(sim, t).map((a) => text === 'ALERTS'
      ? { metric: { __name__: 'ALERTS', ...a.labels, alertstate: a.state }, value: [t, '1'] }
      : { metric: { __name__: 'ALERTS_FOR_STATE', ...a.labels }, value: [t, String(a.activeSinceS)] });
    return ok({ resultType: 'vector', result });
  }
  const query = parseDemoQuery(text);
  if (!query) return bad(`the demo server only answers the demo profile's queries; cannot evaluate ${JSON.stringify(text.slice(0, 200))}`);
  const result = evaluate(sim, query, t).map((s) => ({ metric: s.metric, value: [t, promValue(s.value)] }));
  return ok({ resultType: 'vector', result });
}

/** GET /api/v1/query_range: a matrix from `start` to `end` every `step` seconds. */
export function answerQueryRange(sim: DemoSimulation, params: URLSearchParams): ApiAnswer {
  const text = params.get('query') ?? '';
  const query = parseDemoQuery(text);
  if (!query) return bad(`the demo server only answers the demo profile's queries; cannot evaluate ${JSON.stringify(text.slice(0, 200))}`);
  const start = parseTime(params.get('start'), NaN);
  const end = parseTime(params.get('end'), NaN);
  const step = parseStep(params.get('step'));
  if (start === null || !Number.isFinite(start)) return bad('invalid parameter "start": cannot parse to a valid timestamp');
  if (end === null || !Number.isFinite(end)) return bad('invalid parameter "end": cannot parse to a valid timestamp');
  if (end < start) return bad('invalid parameter "end": end timestamp must not be before start time');
  if (step === null) return bad('invalid parameter "step": zero or negative query resolution step widths are not accepted. Try a positive integer');
  if ((end - start) / step > MAX_POINTS) return bad('exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)');
  const cache = new Map<number, PodCounters[]>();
  const fleetAt = (ms: number) => {
    let f = cache.get(ms);
    if (!f) cache.set(ms, (f = sim.fleet(ms)));
    return f;
  };
  const series = new Map<string, { metric: Record<string, string>; values: Array<[number, string]> }>();
  for (let i = 0; start + i * step <= end; i++) {
    const t = Math.round((start + i * step) * 1000) / 1000;
    for (const s of evaluate(sim, query, t, fleetAt)) {
      const key = JSON.stringify(s.metric);
      let row = series.get(key);
      if (!row) series.set(key, (row = { metric: s.metric, values: [] }));
      row.values.push([t, promValue(s.value)]);
    }
  }
  return ok({ resultType: 'matrix', result: [...series.values()] });
}

/** GET /api/v1/label/<name>/values, optionally restricted by match[] selectors. */
export function answerLabelValues(sim: DemoSimulation, name: string, params: URLSearchParams, nowS: number): ApiAnswer {
  const selectors = params.getAll('match[]').map((m) => ({ text: m, parsed: parseSelector(m) }));
  const broken = selectors.find((s) => s.parsed === null);
  if (broken) return bad(`invalid parameter "match[]": cannot parse ${JSON.stringify(broken.text)}`);
  const series: Array<Record<string, string>> = [];
  for (const p of sim.fleet(nowS * 1000)) {
    for (const status of Object.keys(p.requests)) series.push({ __name__: 'http_requests_total', ...podLabels(p), status });
    series.push({ __name__: 'http_request_duration_seconds_count', ...podLabels(p) });
  }
  const values = new Set<string>();
  for (const s of series) {
    const wanted = selectors.length === 0 || selectors.some(({ parsed }) => (!parsed!.name || parsed!.name === s.__name__) && matches(s, parsed!.matchers));
    if (wanted && s[name] !== undefined) values.add(s[name]);
  }
  return ok([...values].sort());
}
