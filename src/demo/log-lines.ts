// The demo's application log as a pure function of time: JSON lines drawn from the simulation, a deploy line, a few hostile lines.
import { hash01, latencyQuantile } from './curves.js';
import { DEMO_PODS, DEPLOY_LABEL, type DemoPod } from './scenario.js';
import type { DemoSimulation } from './simulation.js';

/** One log line with its time (epoch milliseconds) and its text, without the newline. */
export interface DemoLogLine {
  atMs: number;
  text: string;
}

/** Width of one time slot in milliseconds; each slot holds 0 to 3 lines. */
export const LOG_SLOT_MS = 250;

const ENDPOINTS: Record<string, string[]> = {
  payments: ['POST /v1/charges', 'POST /v1/refunds', 'GET /v1/charges/:id'],
  checkout: ['POST /v1/cart/checkout', 'GET /v1/cart'],
  search: ['GET /v1/search', 'GET /v1/suggest'],
};

const unit = hash01;

function pickPod(u: number): DemoPod {
  const total = DEMO_PODS.reduce((s, p) => s + p.rps, 0);
  let acc = 0;
  for (const p of DEMO_PODS) {
    acc += p.rps / total;
    if (u < acc) return p;
  }
  return DEMO_PODS[DEMO_PODS.length - 1];
}

function requestLine(sim: DemoSimulation, atMs: number, slot: number, j: number): string {
  const pod = pickPod(unit(slot, j * 7 + 1));
  const state = sim.podState(pod.pod, atMs)!;
  const u = unit(slot, j * 7 + 2);
  const status = u < state.share503 ? 503 : u < state.share503 + state.share500 ? 500 : 200;
  const latency = latencyQuantile(state.latency, Math.min(0.999, Math.max(0.001, unit(slot, j * 7 + 3))));
  const endpoints = ENDPOINTS[pod.service];
  const endpoint = endpoints[Math.floor(unit(slot, j * 7 + 4) * endpoints.length)];
  const traceId = [5, 6].map((k) => Math.floor(unit(slot, j * 7 + k) * 2 ** 32).toString(16).padStart(8, '0')).join('');
  let level = 'info';
  let msg = `${endpoint} ${status}`;
  if (status === 503) [level, msg] = ['error', `${endpoint} 503: upstream timeout after 2000ms (card-processor.internal:443)`];
  else if (status === 500) [level, msg] = ['error', `${endpoint} 500: card processor returned an internal error`];
  else if (latency > 1) [level, msg] = ['warn', `${endpoint} 200: slow request`];
  return JSON.stringify({
    ts: new Date(atMs).toISOString(), level, service: pod.service, pod: pod.pod, status,
    latency_ms: Math.round(latency * 1000), trace_id: traceId, msg,
  });
}

function hostileLine(atMs: number, slot: number): string | null {
  const ts = new Date(atMs).toISOString();
  if (slot % 480 === 7) {
    // An escape sequence inside a JSON string: it decodes to a real ESC that the console must show, not run.
    return JSON.stringify({ ts, level: 'warn', service: 'checkout', pod: 'checkout-5d2b-b', msg: 'client sent \u001b[2J\u001b[31mred alert\u001b[0m in a header' });
  }
  if (slot % 480 === 251) return `${ts} checkout-5d2b-c raw bytes from a client: \u001b]0;owned\u0007 \u001b[5m blink`;
  if (slot % 960 === 500) {
    const frames = Array.from({ length: 400 }, (_, i) => `at com.shop.search.Ranker.score(Ranker.java:${100 + i})`).join(' ');
    return JSON.stringify({ ts, level: 'error', service: 'search', pod: 'search-9a41-c', status: 500, msg: `ranking failed: ${frames}` });
  }
  return null;
}

/** The deploy announcement written to the application log at the deploy. */
export function deployLogLine(atMs: number): string {
  return JSON.stringify({ ts: new Date(atMs).toISOString(), level: 'info', service: 'payments', event: 'deploy', msg: `deploy: ${DEPLOY_LABEL} rolled out` });
}

/** Every log line with a time in [fromMs, toMs), oldest first; the same range always gives the same lines. */
export function logLinesBetween(sim: DemoSimulation, fromMs: number, toMs: number): DemoLogLine[] {
  const out: DemoLogLine[] = [];
  const deploy = sim.timeline.deployMs;
  for (let slot = Math.floor(fromMs / LOG_SLOT_MS); slot * LOG_SLOT_MS < toMs; slot++) {
    const base = slot * LOG_SLOT_MS;
    const lines: DemoLogLine[] = [];
    if (deploy >= base && deploy < base + LOG_SLOT_MS) lines.push({ atMs: deploy, text: deployLogLine(deploy) });
    const hostile = hostileLine(base, slot);
    if (hostile) lines.push({ atMs: base, text: hostile });
    const n = Math.floor(unit(slot, 0) * 4);
    for (let j = 0; j < n; j++) {
      const at = base + Math.floor(unit(slot, j * 7 + 8) * LOG_SLOT_MS);
      lines.push({ atMs: at, text: requestLine(sim, at, slot, j) });
    }
    lines.sort((a, b) => a.atMs - b.atMs);
    for (const l of lines) if (l.atMs >= fromMs && l.atMs < toMs) out.push(l);
  }
  return out;
}

/** The deploys file: one `{"at","label"}` JSON line per deploy up to `atMs`, `at` in RFC 3339. */
export function deployFileLines(sim: DemoSimulation, atMs: number): string[] {
  const deploys = [
    { at: sim.timeline.startMs - 52 * 60_000, label: 'search generation 14' },
    { at: sim.timeline.deployMs, label: DEPLOY_LABEL },
  ];
  return deploys.filter((d) => d.at <= atMs).map((d) => JSON.stringify({ at: new Date(d.at).toISOString(), label: d.label }));
}
