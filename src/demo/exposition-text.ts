// Writes the simulation as Prometheus text exposition 0.0.4: the fleet's /metrics and Vector's /metrics.
import { DEMO_SERVICES } from './scenario.js';
import type { DemoSimulation } from './simulation.js';

/** Content type of the text exposition format 0.0.4. */
export const EXPOSITION_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

function labels(pairs: Record<string, string>): string {
  const inner = Object.entries(pairs).map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`);
  return `{${inner.join(',')}}`;
}

function le(bound: number): string {
  return bound === Infinity ? '+Inf' : String(bound);
}

function family(out: string[], name: string, type: string, help: string): void {
  out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
}

/** The fleet's exposition at `atMs` (epoch milliseconds): requests by status, latency histograms, deploy generations. */
export function fleetExposition(sim: DemoSimulation, atMs: number): string {
  const fleet = sim.fleet(atMs);
  const out: string[] = [];
  family(out, 'http_requests_total', 'counter', 'HTTP requests served, by status code.');
  for (const p of fleet) {
    for (const [status, n] of Object.entries(p.requests)) {
      out.push(`http_requests_total${labels({ service: p.service, pod: p.pod, status })} ${Math.floor(n)}`);
    }
  }
  family(out, 'http_request_duration_seconds', 'histogram', 'HTTP request latency in seconds.');
  for (const p of fleet) {
    for (const b of p.buckets) {
      out.push(`http_request_duration_seconds_bucket${labels({ service: p.service, pod: p.pod, le: le(b.le) })} ${Math.floor(b.count)}`);
    }
    out.push(`http_request_duration_seconds_sum${labels({ service: p.service, pod: p.pod })} ${p.sum.toFixed(3)}`);
    out.push(`http_request_duration_seconds_count${labels({ service: p.service, pod: p.pod })} ${Math.floor(p.count)}`);
  }
  family(out, 'kube_deployment_metadata_generation', 'gauge', 'Sequence number representing a specific generation of the desired state.');
  for (const s of DEMO_SERVICES) {
    out.push(`kube_deployment_metadata_generation${labels({ namespace: 'shop', deployment: s })} ${sim.generation(s, atMs)}`);
  }
  family(out, 'kube_deployment_status_observed_generation', 'gauge', 'The generation observed by the deployment controller.');
  for (const s of DEMO_SERVICES) {
    out.push(`kube_deployment_status_observed_generation${labels({ namespace: 'shop', deployment: s })} ${sim.generation(s, atMs)}`);
  }
  return `${out.join('\n')}\n`;
}

/** Vector's internal metrics at `atMs`, with the names a prometheus_exporter sink uses (0.53 buffer names). */
export function vectorExposition(sim: DemoSimulation, atMs: number): string {
  const components = sim.pipeline(atMs);
  const out: string[] = [];
  const id = (c: (typeof components)[number]) => ({ component_id: c.id, component_kind: c.kind, component_type: c.type, host: 'demo-edge-1' });
  const counter = (name: string, help: string, value: (c: (typeof components)[number]) => number | undefined, extra: Record<string, string> = {}) => {
    family(out, name, 'counter', help);
    for (const c of components) {
      const v = value(c);
      if (v !== undefined) out.push(`${name}${labels({ ...id(c), ...extra })} ${Math.floor(v)}`);
    }
  };
  counter('vector_component_received_events_total', 'Events received by the component.', (c) => c.received);
  counter('vector_component_sent_events_total', 'Events sent by the component.', (c) => c.sent);
  counter('vector_component_errors_total', 'Errors met by the component.', (c) => (c.kind === 'sink' ? c.errors : undefined), { error_type: 'request_failed', stage: 'sending' });
  counter('vector_component_discarded_events_total', 'Events discarded by the component.', (c) => (c.kind === 'sink' ? c.discarded : undefined), { intentional: 'false' });
  family(out, 'vector_utilization', 'gauge', 'Share of time the component was busy.');
  for (const c of components) out.push(`vector_utilization${labels(id(c))} ${c.utilization.toFixed(3)}`);
  for (const [name, pick] of [['vector_buffer_size_events', 'events'], ['vector_buffer_max_size_events', 'maxEvents']] as const) {
    family(out, name, 'gauge', name.includes('max') ? 'Capacity of the buffer in events.' : 'Events in the buffer.');
    for (const c of components) {
      if (c.buffer) out.push(`${name}${labels({ ...id(c), buffer_id: c.id, stage: '0' })} ${c.buffer[pick]}`);
    }
  }
  return `${out.join('\n')}\n`;
}
