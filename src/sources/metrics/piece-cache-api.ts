// A Prometheus client for replaying the past: range queries are asked in pieces one screen wide, aligned to the piece
// size, fetched ahead and kept, so a replay that moves or seeks back reads what it already has; instant queries of a
// past moment are kept too. Only what lies well in the past is kept (a piece still being written is asked again).
import type { HttpTarget } from '../../config/profile.js';
import type { Series } from '../../model/console-state/events.js';
import type { Clock } from '../../model/session/clock.js';
import type { InstantSample } from '../../model/promql/prom-response.js';
import { PrometheusApi, type PromResult } from './prometheus-api.js';

/** Points in one piece: about a screen's width of chart. */
export const PIECE_POINTS = 240;

/** How far in the past a piece or a moment must end to be kept, in milliseconds. */
export const SETTLED_MS = 120_000;

/** Most instant answers kept. */
const MAX_INSTANTS = 4000;

const labelKey = (labels: Record<string, string>): string => Object.keys(labels).sort().map((k) => `${k}=${labels[k]}`).join(',');

/** The same client, with pieces and moments kept. */
export class PieceCachedPrometheusApi extends PrometheusApi {
  private readonly pieces = new Map<string, Promise<PromResult<Series[]>>>();
  private readonly instants = new Map<string, Promise<PromResult<InstantSample[]>>>();

  constructor(target: HttpTarget, private readonly real: Clock, private readonly piecePoints = PIECE_POINTS) {
    super(target);
  }

  /** Pieces held (for tests and the status line). */
  get piecesKept(): number {
    return this.pieces.size;
  }

  private settled(endS: number): boolean {
    return endS * 1000 <= this.real.now() - SETTLED_MS;
  }

  private piece(query: string, k: number, step: number): Promise<PromResult<Series[]>> {
    const size = this.piecePoints * step;
    const [start, end] = [k * size, (k + 1) * size - step];
    const key = `${step}|${k}|${query}`;
    const kept = this.pieces.get(key);
    if (kept) return kept;
    // A piece is fetched for everyone who wants it: the caller's cancellation does not end it.
    const asked = super.queryRange(query, start, end, step);
    if (!this.settled(end)) return asked;
    this.pieces.set(key, asked);
    asked.catch(() => this.pieces.delete(key));
    return asked;
  }

  /** Series of [start, end] (seconds) at `step` seconds, from pieces; the piece after the last is fetched ahead. */
  override async queryRange(query: string, start: number, end: number, step: number, signal?: AbortSignal): Promise<PromResult<Series[]>> {
    if (step <= 0 || (end - start) / step > 11_000) return super.queryRange(query, start, end, step, signal);
    const size = this.piecePoints * step;
    const first = Math.floor(start / size);
    const last = Math.floor(end / size);
    const began = performance.now();
    const answers = await Promise.all(Array.from({ length: last - first + 1 }, (_, i) => this.piece(query, first + i, step)));
    if (this.settled((last + 2) * size)) void this.piece(query, last + 1, step).catch(() => undefined);
    signal?.throwIfAborted();
    const merged = new Map<string, Series>();
    for (const a of answers) {
      for (const s of a.data) {
        const key = labelKey(s.labels);
        const into = merged.get(key) ?? { labels: s.labels, points: [] };
        for (const p of s.points) if (p[0] >= start && p[0] <= end) into.points.push(p);
        merged.set(key, into);
      }
    }
    return { data: [...merged.values()].filter((s) => s.points.length > 0), warnings: [...new Set(answers.flatMap((a) => a.warnings))], latencyMs: performance.now() - began };
  }

  /** The vector at `time` (seconds); kept when that moment is well past. */
  override query(query: string, time: number, signal?: AbortSignal): Promise<PromResult<InstantSample[]>> {
    if (!this.settled(time)) return super.query(query, time, signal);
    const key = `${time}|${query}`;
    const kept = this.instants.get(key);
    if (kept) return kept;
    if (this.instants.size >= MAX_INSTANTS) this.instants.delete(this.instants.keys().next().value as string);
    const asked = super.query(query, time);
    this.instants.set(key, asked);
    asked.catch(() => this.instants.delete(key));
    return asked;
  }
}
