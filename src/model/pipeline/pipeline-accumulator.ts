// Collects the samples of one pipeline component from an exposition and turns them into one reading.
import type { PipelineProduct } from './pipeline-types.js';
import type { PipelineReading } from './pipeline-reading.js';

/** Cumulative counters summed over every series of a component (outputs, signals, hosts, stages). */
export type SumField = 'inTotal' | 'outTotal' | 'errorsTotal' | 'discardedTotal' | 'intentionalDiscardedTotal';

/** Gauges where the largest series wins. */
export type MaxField = 'utilization' | 'up' | 'scrapeDurationS' | 'headSeries';

/** One buffer quantity: current size or maximum, in events or bytes. */
export type BufferGauge = 'events' | 'bytes' | 'maxEvents' | 'maxBytes';

/** Everything read so far for one component. */
export interface ComponentAcc {
  product: PipelineProduct;
  kind: string;
  id: string;
  type: string;
  sums: Partial<Record<SumField, number>>;
  maxes: Partial<Record<MaxField, number>>;
  problems?: Record<string, number>;
  /** Vector buffer gauges, summed over stages, under the current names and the names before Vector 0.53. */
  buffer: { current: Partial<Record<BufferGauge, number>>; legacy: Partial<Record<BufferGauge, number>> };
  /** OpenTelemetry exporter queues keyed by their label set, each size with its capacity. */
  queues: Map<string, { size?: number; capacity?: number }>;
}

/** Adds a counter value to a summed field. */
export function addSum(acc: ComponentAcc, field: SumField, value: number): void {
  acc.sums[field] = (acc.sums[field] ?? 0) + value;
}

/** Keeps the largest value of a gauge field. */
export function keepMax(acc: ComponentAcc, field: MaxField, value: number): void {
  const old = acc.maxes[field];
  acc.maxes[field] = old === undefined ? value : Math.max(old, value);
}

/** Adds to a named problem counter. */
export function addProblem(acc: ComponentAcc, phrase: string, value: number): void {
  acc.problems ??= {};
  acc.problems[phrase] = (acc.problems[phrase] ?? 0) + value;
}

/** Adds a Vector buffer gauge, current or legacy name. */
export function addBuffer(acc: ComponentAcc, legacy: boolean, gauge: BufferGauge, value: number): void {
  const set = legacy ? acc.buffer.legacy : acc.buffer.current;
  set[gauge] = (set[gauge] ?? 0) + value;
}

/** Records an exporter queue size or capacity for the queue identified by `queueKey`. */
export function addQueue(acc: ComponentAcc, queueKey: string, part: 'size' | 'capacity', value: number): void {
  const q = acc.queues.get(queueKey) ?? {};
  q[part] = (q[part] ?? 0) + value;
  acc.queues.set(queueKey, q);
}

function ratio(size: number | undefined, max: number | undefined): number | undefined {
  return size !== undefined && max !== undefined && max > 0 ? size / max : undefined;
}

/** Buffer or queue fill 0..1: the fuller of events and bytes for Vector (current names first), the fullest queue otherwise. */
export function bufferFill(acc: ComponentAcc): number | undefined {
  const { current: c, legacy: l } = acc.buffer;
  const fills = [
    ratio(c.events ?? l.events, c.maxEvents ?? l.maxEvents),
    ratio(c.bytes ?? l.bytes, c.maxBytes ?? l.maxBytes),
    ...[...acc.queues.values()].map((q) => ratio(q.size, q.capacity)),
  ].filter((f): f is number => f !== undefined && Number.isFinite(f));
  if (fills.length === 0) return undefined;
  return Math.min(1, Math.max(0, ...fills));
}

/** The finished reading of one component at time `at` (epoch milliseconds). */
export function toReading(acc: ComponentAcc, at: number): PipelineReading {
  const reading: PipelineReading = { id: acc.id, product: acc.product, kind: acc.kind || 'component', type: acc.type, at };
  Object.assign(reading, acc.sums, acc.maxes);
  const fill = bufferFill(acc);
  if (fill !== undefined) reading.bufferFill = fill;
  if (acc.problems) reading.problemTotals = { ...acc.problems };
  return reading;
}

/** A new, empty accumulator. */
export function newAcc(product: PipelineProduct, kind: string, id: string, type: string): ComponentAcc {
  return { product, kind, id, type, sums: {}, maxes: {}, buffer: { current: {}, legacy: {} }, queues: new Map() };
}
