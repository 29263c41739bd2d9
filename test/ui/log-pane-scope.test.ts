// The log pane shows and counts only the lines in scope, with a pod column when the lines name pods.
import { describe, expect, it } from 'vitest';
import { emptyState } from '../../src/model/console-state/console-state.js';
import { initialView } from '../../src/model/console-state/view-state.js';
import { LogBuffer } from '../../src/model/logs/log-buffer.js';
import type { LogLine } from '../../src/model/logs/log-line.js';
import { logsSnapshot } from '../../src/model/logs/logs-snapshot.js';
import { plain } from '../../src/terminal/styled.js';
import { asciiGlyphs } from '../../src/ui/format/glyphs.js';
import { logPane } from '../../src/ui/log-pane.js';

const T0 = Date.UTC(2026, 10, 22, 14, 30, 0);
const line = (i: number, service: string, pod: string, level: LogLine['level']): LogLine =>
  ({ at: T0 + i * 1000, timed: true, level, source: 'app.log', message: `${service} ${i}`, raw: '', service, pod });

describe('log pane scope', () => {
  const buffer = new LogBuffer({ capacity: 100, reorderWindowMs: 0 });
  buffer.add([line(1, 'payments', 'payments-hot-1', 'error'), line(2, 'checkout', 'checkout-1', 'error'), line(3, 'payments', 'payments-2', 'info'), line(4, 'checkout', 'checkout-1', 'info')]);

  it('shows and counts only the scoped service\'s lines, with their pods', () => {
    const text = logPane(buffer, asciiGlyphs, emptyState).panel(initialView(900_000), T0, { service: 'payments' }).draw(5, 100).map(plain);
    expect(text[0]).toMatch(/^Logs {2}err 1 warn 0 info 1/);
    const rows = text.filter((l) => /^14:30/.test(l));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^14:30:01 ERROR app\.log +payments-hot-1 +payments 1$/);
    expect(rows[1]).toMatch(/^14:30:03 INFO +app\.log +payments-2 +payments 3$/);
  });

  it('--once --json keeps the same scope', () => {
    const doc = logsSnapshot(buffer, 50, { service: 'payments' });
    expect(doc.lines.map((l) => l.message)).toEqual(['payments 1', 'payments 3']);
    expect(doc.counts).toMatchObject({ error: 1, info: 1 });
    expect(doc.total).toBe(4);
  });
});
