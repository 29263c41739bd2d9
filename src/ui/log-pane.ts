// The log pane for the app: reads the log buffer for the current view (filter, errors only, pod, cursor, pause, scroll).
import type { ConsoleState } from '../model/console-state.js';
import type { LogBuffer, LogQuery } from '../model/log-buffer.js';
import type { LogLine } from '../model/log-line.js';
import { compileLogFilter, type LogFilter } from '../model/log-match.js';
import type { LogView } from '../model/log-view.js';
import type { ViewState } from '../model/view-state.js';
import type { LogPane } from './app.js';
import type { ExtraPanel } from './format/frame.js';
import type { Glyphs } from './format/glyphs.js';
import { logPaneLines } from './format/log-pane-lines.js';

/** Source kinds that feed the log pane. */
export const LOG_KINDS: ReadonlySet<string> = new Set(['file', 'command', 'stdin', 'loki']);

/** Log sources that are not up, as "name: reason" for the pane's title. */
export function logProblems(state: ConsoleState): string[] {
  return Object.values(state.sources)
    .filter((s) => LOG_KINDS.has(s.kind) && (s.state === 'down' || s.state === 'degraded'))
    .map((s) => `${s.name} ${s.state.toUpperCase()}${s.error ? `: ${s.error}` : ''}`);
}

/** Builds the LogPane the app draws; `state` gives source states for the title. */
export function logPane(buffer: LogBuffer, glyphs: Glyphs, state: () => ConsoleState): LogPane {
  let compiled: { text: string; filter: LogFilter | null } = { text: '', filter: null };
  let frozen: { key: string; lines: LogLine[] } | null = null;

  const query = (view: LogView, scope: { service?: string; pod?: string }, until: number | null): LogQuery => {
    if (compiled.text !== view.filter) compiled = { text: view.filter, filter: compileLogFilter(view.filter) };
    const f = compiled.filter;
    return { test: f?.ok ? f.test : undefined, errorsOnly: view.errorsOnly, pod: scope.pod, service: scope.service, until };
  };

  return {
    total: () => buffer.total,
    maxScroll: (view) => Math.max(0, buffer.count(query(view, {}, null)) - 1),
    panel(view: ViewState, _now: number, scope: { service?: string; pod?: string } = {}): ExtraPanel {
      const { pod } = scope;
      const q = query(view.logs, scope, view.cursorAt);
      return {
        wants: 8,
        draw: (rows: number, width: number) => {
          const want = Math.max(0, rows - 1);
          let lines: LogLine[];
          // Paused, the pane keeps what it showed until the view itself changes (scroll, filter, cursor).
          const key = `${want}|${view.logs.scrollBack}|${view.logs.filter}|${view.logs.errorsOnly}|${scope.service}|${pod}|${view.cursorAt}`;
          if (view.paused) {
            if (frozen?.key !== key) frozen = { key, lines: buffer.tail(want, view.logs.scrollBack, q) };
            lines = frozen.lines;
          } else {
            frozen = null;
            lines = buffer.tail(want, view.logs.scrollBack, q);
          }
          return logPaneLines({
            lines, rows, width, glyphs, counts: buffer.counts, dropped: buffer.dropped, filter: view.logs.filter,
            filterError: compiled.filter && !compiled.filter.ok ? compiled.filter.error : null, errorsOnly: view.logs.errorsOnly,
            newWhilePaused: view.paused && view.pausedLogTotal !== null ? buffer.total - view.pausedLogTotal : null,
            scrollBack: view.logs.scrollBack, cursorAt: view.cursorAt, pod, problems: logProblems(state()),
          });
        },
      };
    },
  };
}
