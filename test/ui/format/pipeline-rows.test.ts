import { describe, expect, it } from 'vitest';
import type { PipelineRow } from '../../../src/model/pipeline/pipeline-verdict.js';
import { asciiGlyphs, unicodeGlyphs } from '../../../src/ui/format/glyphs.js';
import { lossSparkline, pipelineLines, pipelineSnapshot } from '../../../src/ui/format/pipeline-rows.js';
import { plain } from '../../../src/terminal/styled.js';

const row = (p: Partial<PipelineRow>): PipelineRow => ({
  id: 'loki_out', kind: 'sink', type: 'loki', product: 'vector', in_per_s: 5000, out_per_s: 4988, errors_per_s: 1, discarded_per_s: 12,
  intentional_discarded_per_s: null, buffer_fill: 0.92, utilization: null, up: null, problems_per_s: {}, verdict: 'failing',
  reason: 'discarding 12 events/s', loss_history: [0, 0, 0, 13, 13], last_seen: Date.parse('2026-11-22T14:32:04Z'), ...p,
});

describe('pipelineLines', () => {
  it('draws verdict words, rates, buffer fill, the loss sparkline and the reason at 120 columns', () => {
    const lines = pipelineLines([row({}), row({ id: 'archive', type: 'aws_s3', verdict: 'ok', reason: '5000 events/s, no loss', discarded_per_s: 0, errors_per_s: 0, buffer_fill: 0.08, loss_history: [0, 0] })], 5, 120, asciiGlyphs).map(plain);
    expect(lines).toEqual([
      'Pipeline health  1 failing  1 ok',
      'verdict  component         type             in/s  out/s err/s disc/s  buf loss         reason',
      'FAILING  loki_out          sink/loki        5000   4988     1     12  92%        ___## discarding 12 events/s',
      'ok       archive           sink/aws_s3      5000   4988     0      0   8%           __ 5000 events/s, no loss',
    ]);
  });

  it('keeps the worst rows when space is short and counts the rest', () => {
    const rows = ['a', 'b', 'c', 'd'].map((id) => row({ id }));
    const lines = pipelineLines(rows, 4, 80, asciiGlyphs).map(plain);
    expect(lines).toHaveLength(4);
    expect(lines[2]).toMatch(/^FAILING  a /);
    expect(lines[3]).toBe('  +3 more components (worst shown first)');
  });

  it('says it is waiting before any component was seen', () => {
    expect(pipelineLines([], 3, 80, asciiGlyphs).map(plain)).toEqual(['Pipeline health', '  waiting for pipeline self-metrics']);
  });
});

describe('lossSparkline', () => {
  it('makes any loss stand out above zero and keeps the newest at the right', () => {
    expect(lossSparkline([0, 0, 1, 100], 6, unicodeGlyphs)).toBe('  ▁▁▃█');
  });
});

describe('pipelineSnapshot', () => {
  it('uses the contract names', () => {
    expect(pipelineSnapshot([row({})]).components[0]).toMatchObject({
      id: 'loki_out', kind: 'sink', type: 'loki', in_per_s: 5000, out_per_s: 4988, errors_per_s: 1, discarded_per_s: 12,
      buffer_fill: 0.92, verdict: 'failing', reason: 'discarding 12 events/s', last_seen: '2026-11-22T14:32:04.000Z',
    });
  });
});
