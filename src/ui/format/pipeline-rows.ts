// The pipeline health panel: one row per component, worst first, with rates, buffer fill, a loss sparkline and the
// verdict as a word with its reason; and the same rows in the snapshot JSON's shape.
import type { PipelineRow } from '../../model/pipeline/pipeline-verdict.js';
import { formatPercent, formatRate } from '../../model/pipeline/pipeline-verdict.js';
import { safeText } from '../../model/text/safe-text.js';
import type { Verdict } from '../../model/pipeline/pipeline-types.js';
import type { ExtraPanel } from './panel.js';
import type { Glyphs } from './glyphs.js';
import type { Line, Tone } from '../../terminal/styled.js';

const WORD: Record<Verdict, string> = { failing: 'FAILING', degraded: 'DEGRADED', unknown: 'UNKNOWN', ok: 'ok' };
const TONE: Record<Verdict, Tone> = { failing: 'crit', degraded: 'warn', unknown: 'muted', ok: 'ok' };

/** Loss history as a sparkline of `width` cells, newest at the right; zero is the lowest cell, any loss at least the third. */
export function lossSparkline(history: readonly number[], width: number, glyphs: Glyphs): string {
  const points = history.slice(-width);
  const max = Math.max(0, ...points);
  const cells = points.map((v) => {
    if (!(v > 0) || max === 0) return glyphs.sparks[0];
    const top = glyphs.sparks.length - 1;
    return glyphs.sparks[Math.max(2, Math.round((v / max) * top))];
  });
  return cells.join('').padStart(width, ' ');
}

const rateText = (v: number | null) => (v === null ? '-' : formatRate(v));

function fit(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, Math.max(0, width - 1))}~` : text.padEnd(width);
}

/** The panel's lines: a title with counts per verdict and a header, then the rows that fit. */
export function pipelineLines(rows: readonly PipelineRow[], height: number, width: number, glyphs: Glyphs): Line[] {
  const count = (v: Verdict) => rows.filter((r) => r.verdict === v).length;
  const title: Line = [{ text: 'Pipeline health', tone: 'title', bold: true }];
  for (const v of ['failing', 'degraded', 'unknown', 'ok'] as Verdict[]) {
    const n = count(v);
    if (n > 0) title.push({ text: `  ${n} ${WORD[v].toLowerCase()}`, tone: TONE[v], bold: v === 'failing' });
  }
  if (rows.length === 0) {
    const waiting: Line = [{ text: '  waiting for pipeline self-metrics', tone: 'muted' }];
    return [title, waiting].slice(0, height);
  }
  const wide = width >= 110;
  const spark = width >= 90 ? 12 : 0;
  const idW = wide ? 18 : 14;
  const head = `${'verdict'.padEnd(9)}${'component'.padEnd(idW)}${wide ? 'type'.padEnd(14) : ''}${'in/s'.padStart(7)}${'out/s'.padStart(7)}${'err/s'.padStart(6)}${'disc/s'.padStart(7)}${'buf'.padStart(5)}${spark ? ` ${'loss'.padEnd(spark)}` : ''} reason`;
  // With two rows, the worst component says more than the column names do.
  const withHead = height >= 3;
  const out: Line[] = withHead ? [title, [{ text: head, tone: 'muted' }]] : [title];
  const room = Math.max(0, height - out.length);
  const shown = rows.slice(0, room);
  for (const r of shown) {
    const buf = r.buffer_fill === null ? '-' : formatPercent(r.buffer_fill);
    const type = `${r.kind}/${r.type}`;
    out.push([
      { text: fit(WORD[r.verdict], 9), tone: TONE[r.verdict], bold: r.verdict === 'failing' },
      { text: fit(safeText(r.id, 80), idW) },
      { text: wide ? fit(safeText(type, 80), 14) : '', tone: 'muted' },
      { text: `${rateText(r.in_per_s).padStart(7)}${rateText(r.out_per_s).padStart(7)}${rateText(r.errors_per_s).padStart(6)}${rateText(r.discarded_per_s).padStart(7)}${buf.padStart(5)}` },
      { text: spark ? ` ${lossSparkline(r.loss_history, spark, glyphs)}` : '', tone: r.loss_history.some((v) => v > 0) ? 'crit' : 'muted' },
      { text: ` ${safeText(r.reason, 200)}`, tone: r.verdict === 'ok' ? 'muted' : TONE[r.verdict] },
    ]);
  }
  if (rows.length > shown.length && shown.length > 1) {
    out[out.length - 1] = [{ text: `  +${rows.length - shown.length + 1} more components (worst shown first)`, tone: 'muted' }];
  }
  return out;
}

/** The panel for the frame; it wants no rows until some component has been seen. */
export function pipelinePanel(rows: readonly PipelineRow[], glyphs: Glyphs): ExtraPanel {
  return { wants: rows.length, draw: (height, width) => pipelineLines(rows, height, width, glyphs) };
}

/** `panels.pipeline` of the snapshot JSON (design.md's names, plus product, utilization and loss history). */
export function pipelineSnapshot(rows: readonly PipelineRow[]) {
  return {
    components: rows.map((r) => ({
      id: r.id, kind: r.kind, type: r.type, product: r.product,
      in_per_s: r.in_per_s, out_per_s: r.out_per_s, errors_per_s: r.errors_per_s, discarded_per_s: r.discarded_per_s,
      buffer_fill: r.buffer_fill, utilization: r.utilization, verdict: r.verdict, reason: r.reason,
      loss_history: r.loss_history, last_seen: new Date(r.last_seen).toISOString(),
    })),
  };
}
