// The log pane for the app: reads the log buffer for the current view (filter, errors only, scope, cursor, anchor, scroll).
import type { ConsoleState } from '../model/console-state/console-state.js';
import type { LogBuffer, LogQuery } from '../model/logs/log-buffer.js';
import { compileLogFilter, type LogFilter } from '../model/logs/log-match.js';
import type { LogView } from '../model/logs/log-view.js';
import type { ViewState } from '../model/console-state/view-state.js';
import type { LogPane } from './app.js';
import type { ExtraPanel } from './format/panel.js';
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

  const query = (view: LogView, scope: { service?: string; pod?: string }, until: number | null): LogQuery => {
    if (compiled.text !== view.filter) compiled = { text: view.filter, filter: compileLogFilter(view.filter) };
    const f = compiled.filter;
    return { test: f?.ok ? f.test : undefined, errorsOnly: view.errorsOnly, pod: scope.pod, service: scope.service, until, arrivedBefore: view.anchor };
  };

  return {
    total: () => buffer.total,
    maxScroll: (view, scope = {}) => Math.max(0, buffer.count(query(view, scope, null)) - 1),
    panel(view: ViewState, _now: number, scope: { service?: string; pod?: string } = {}): ExtraPanel {
      const { pod } = scope;
      const q = query(view.logs, scope, view.cursorAt);
      return {
        wants: 8,
        draw: (rows: number, width: number) => {
          // Paused or scrolled back, the view's anchor holds the lines on screen still while new ones arrive.
          const lines = buffer.tail(Math.max(0, rows - 1), view.logs.scrollBack, q);
          const service = scope.service || undefined;
          return logPaneLines({
            // Counts are of the lines in scope (the service and pod shown), as the lines themselves are.
            lines, rows, width, glyphs, counts: buffer.countByLevel({ service: scope.service || undefined, pod }), dropped: buffer.dropped, filter: view.logs.filter,
            filterError: compiled.filter && !compiled.filter.ok ? compiled.filter.error : null, errorsOnly: view.logs.errorsOnly,
            newWhilePaused: view.paused && view.pausedLogTotal !== null ? buffer.total - view.pausedLogTotal : null,
            scrollBack: view.logs.scrollBack, cursorAt: view.cursorAt, pod, service, held: buffer.size, problems: logProblems(state()),
            otherServiceLines: service && !pod && lines.length > 0 ? buffer.namingOthers(service) : 0,
          });
        },
      };
    },
  };
}
