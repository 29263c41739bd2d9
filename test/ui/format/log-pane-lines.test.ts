import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../../src/model/logs/log-line.js';
import { asciiGlyphs } from '../../../src/ui/format/glyphs.js';
import { logPaneLines, type LogPaneProps } from '../../../src/ui/format/log-pane-lines.js';
import { plain } from '../../../src/terminal/styled.js';

const AT = Date.parse('2026-11-22T14:32:04Z');
const l = (message: string, level: LogLine['level'] = 'info', source = 'api.log'): LogLine => ({ at: AT, timed: true, level, source, message, raw: message });
const base: LogPaneProps = {
  lines: [], rows: 4, width: 60, glyphs: asciiGlyphs, counts: { fatal: 0, error: 1, warn: 0, info: 2, debug: 0, trace: 0, unknown: 0 },
  dropped: 0, filter: '', filterError: null, errorsOnly: false, newWhilePaused: null, scrollBack: 0, cursorAt: null, problems: [],
};
const draw = (p: Partial<LogPaneProps>) => logPaneLines({ ...base, ...p }).map(plain);

describe('logPaneLines', () => {
  it('draws the title with counts, newest line at the bottom, blank rows above', () => {
    expect(draw({ lines: [l('first'), l('upstream timeout', 'error')] })).toEqual([
      'Logs  err 1 warn 0 info 2',
      '',
      '14:32:04 INFO  api.log      first',
      '14:32:04 ERROR api.log      upstream timeout',
    ]);
  });

  it('cuts long lines to the width with a marker and shows escapes, never raw control bytes', () => {
    const rows = draw({ lines: [l(`x\u001b]0;owned\u0007\u001b[2J${'y'.repeat(200)}`)], rows: 2 });
    expect(rows[1]).toBe('14:32:04 INFO  api.log      x^[]0;owned^G^[[2Jyyyyyyyyyyyyy>');
    expect(rows[1]).toHaveLength(60);
  });

  it('says what the view is doing: filter, errors only, paused counter, scroll, cursor, drops, problems', () => {
    const [title] = draw({
      filter: 'timeout', errorsOnly: true, newWhilePaused: 17, scrollBack: 3, dropped: 9,
      cursorAt: AT, problems: ['kubectl DOWN: exited with code 1'], width: 200,
    });
    expect(title).toBe('Logs  err 1 warn 0 info 2  dropped 9  filter: timeout  errors only  PAUSED 17 new lines  at cursor 14:32:04Z  3 lines up (f follows)  kubectl DOWN: exited with code 1');
  });

  it('shows a bad filter and says when nothing matches', () => {
    expect(draw({ filter: 're:(', filterError: 'bad regular expression: x', rows: 2 })).toEqual([
      'Logs  err 1 warn 0 info 2  filter error: bad regular expression: x',
      '  no lines match',
    ]);
    expect(draw({ rows: 2 })[1]).toBe('  waiting for log lines');
  });

  it('names the scope, not "waiting", when lines are held but none is for the service or pod in scope', () => {
    expect(draw({ rows: 2, service: 'paymnets', held: 20000 })[1]).toBe('  none of the 20000 lines held is for paymnets');
    expect(draw({ rows: 2, service: 'payments', pod: 'payments-9', held: 12 })[1]).toBe('  none of the 12 lines held is for payments-9');
    expect(draw({ rows: 2, service: 'payments', held: 0 })[1]).toBe('  waiting for log lines');
    expect(draw({ rows: 2, service: 'pay\u001b[2Jx', held: 3 })[1]).toBe('  none of the 3 lines held is for pay^[[2Jx');
  });

  it('says so above lines that name no service when every line that names one names another', () => {
    const odd = l('not json at all');
    expect(draw({ lines: [odd], service: 'paymnts', held: 20001, otherServiceLines: 20000 })).toEqual([
      'Logs  err 1 warn 0 info 2',
      '  no line held names paymnts; 20000 name another service',
      '',
      '14:32:04 INFO  api.log      not json at all',
    ]);
    // With one row under the title, the note takes it: the line is still counted in the title.
    expect(draw({ lines: [odd], rows: 2, service: 'paymnts', held: 20001, otherServiceLines: 20000 })[1]).toBe('  no line held names paymnts; 20000 name another service');
    // Scoped to a pod, or with lines of the service itself (otherServiceLines 0), nothing is added.
    expect(draw({ lines: [odd], rows: 2, service: 'payments', held: 3, otherServiceLines: 0 })[1]).toBe('14:32:04 INFO  api.log      not json at all');
    expect(draw({ lines: [odd], rows: 2, service: 'payments', pod: 'p-1', held: 3, otherServiceLines: 2 })[1]).toBe('14:32:04 INFO  api.log      not json at all');
    expect(draw({ lines: [odd], rows: 2, service: 'pay\u001b]0;x\u0007', held: 3, otherServiceLines: 2 })[1]).toBe('  no line held names pay^[]0;x^G; 2 name another service');
    expect(draw({ lines: [odd], rows: 2, service: 'paymnts', held: 2, otherServiceLines: 1 })[1]).toBe('  no line held names paymnts; 1 names another service');
  });
});
