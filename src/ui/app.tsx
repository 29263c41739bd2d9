// The full-screen console: subscribes to the store, composes the frame, routes keys. A composer only.
import { useApp, useInput, type Key } from 'ink';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { Profile } from '../config/profile.js';
import type { ConsoleState } from '../model/console-state/console-state.js';
import type { LogViewAction } from '../model/logs/log-view.js';
import { currentScope, initialView, reduceView, type Scope, type ViewAction, type ViewState } from '../model/console-state/view-state.js';
import type { PickerAction } from '../model/console-state/picker.js';
import { pickMetricView } from '../model/console-state/console-state.js';
import { exploreLink } from '../config/grafana-link.js';
import { expandQuery, stepForWidth } from '../config/template.js';
import { composeFrame, panelsByPriority } from './format/frame.js';
import type { ExtraPanel } from './format/panel.js';
import { computeLayout } from './format/layout.js';
import { barsOf } from './format/p99-lines.js';
import { pickerLines } from './format/picker-lines.js';
import type { Glyphs } from './format/glyphs.js';
import { line, type Line } from '../terminal/styled.js';
import { HelpOverlay, helpLines } from './HelpOverlay.js';
import { commandFor, footerHint } from './keymap.js';
import { Lines } from './Lines.js';
import type { Suspect } from '../model/suspects/suspect.js';
import { whyListLines, type WhyInput } from './format/why-lines.js';
import { whyKeyActions } from './why-keys.js';
import { pickerActionFor } from './picker-keys.js';

/** What the app needs from the runtime; all I/O stays behind these callbacks. */
export interface AppProps {
  store: { subscribe(l: () => void): () => void; getSnapshot(): ConsoleState };
  /** More keys for the help screen, under their own heading (a replay adds its own). */
  moreHelp?: { title: string; keys: ReadonlyArray<{ key: string; help: string }> };
  profile: Profile;
  service: string;
  pod?: string;
  glyphs: Glyphs;
  color: boolean;
  /** Epoch-ms clock, read once per tick. */
  now: () => number;
  /** Terminal size source and its change subscription. */
  size: { get(): { cols: number; rows: number }; subscribe(l: () => void): () => void };
  ttfgMs: () => number | null;
  /** Called after each render with whether the frame held a real data point. */
  onFrame: (hasRealData: boolean) => void;
  onWindow: (windowMs: number) => void;
  onRefresh: () => void;
  onQuit: () => void;
  /** The panels beyond error rate and p99, for the scope shown. */
  extras?: (state: ConsoleState, now: number, scope?: { service: string; pod?: string }) => { pipeline?: ExtraPanel; alerts?: ExtraPanel; why?: WhyInput };
  /** The log pane, when any log source is configured. */
  logs?: LogPane;
  /** Lists services for the picker; resolves with the picker's action, never rejects (absent: the picker takes a typed name). */
  listValues?: (scope: { service?: string }) => Promise<PickerAction>;
  /** Called when drill-down changes the scope; the runtime re-runs every query for it. */
  onScope?: (scope: Scope) => void;
  /** Puts text on the user's clipboard (y, Y); absent where the screen cannot. */
  onCopy?: (text: string) => void;
  /** A past window (`watch --at`): the header's label, read at every frame. */
  historical?: () => string;
  /** Why no metric will ever come (no metric source was given), for the panels to say. */
  noMetrics?: string;
  /** A past window: moves it back (-1) or forward (1) by a quarter; false when it already ends at the present. */
  onPan?: (direction: -1 | 1) => boolean;
}

/** What the app needs from the log buffer: its size, how far it can scroll, and the panel for the current view. */
export interface LogPane {
  /** Lines received so far (the pause counter counts from this). */
  total(): number;
  /** Lines the view can scroll back before reaching the oldest matching line in scope. */
  maxScroll(view: ViewState['logs'], scope?: { service?: string; pod?: string }): number;
  panel(view: ViewState, now: number, scope?: { service?: string; pod?: string }): ExtraPanel;
}

/**
 * Redraws every `ms` while nothing else does: the clock restarts whenever `data` changes, so ages tick over a whole
 * second after the data came, and a tick never lands just before the next refresh as a frame of its own.
 */
function useTick(ms: number, data: unknown): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    const t = setInterval(() => setTick((n) => n + 1), ms);
    return () => clearInterval(t);
  }, [ms, data]);
}

/** The console screen. */
export function App(props: AppProps) {
  const live = useSyncExternalStore(props.store.subscribe, props.store.getSnapshot);
  // Paused, every panel draws the state of the moment of pausing; the sources keep collecting into the store.
  const frozen = useRef<ConsoleState | null>(null);
  const frozenExtras = useRef<ReturnType<NonNullable<AppProps['extras']>> | null>(null);
  const size = useSyncExternalStore(props.size.subscribe, props.size.get);
  const [, setView] = useState<ViewState | null>(null);
  // Keys can arrive faster than renders (a paste, or tmux send-keys): each key must see the view the previous one made.
  const viewRef = useRef<ViewState | null>(null);
  viewRef.current ??= initialView(props.profile.windowMs, { service: props.service, pod: props.pod });
  const { exit } = useApp();
  useTick(1000, live);

  // A short confirmation in the footer (what was copied), shown for a few seconds.
  const said = useRef<{ text: string; at: number } | null>(null);
  // The suspects of the last frame drawn: what the Why list shows and enter acts on.
  const whyShown = useRef<readonly Suspect[]>([]);
  const [, redraw] = useState(0);
  const say = (text: string) => {
    said.current = { text, at: props.now() };
    redraw((n) => n + 1);
  };

  const act = (action: ViewAction) => {
    const prev = viewRef.current as ViewState;
    const next = reduceView(prev, action);
    viewRef.current = next;
    if (next.paused !== prev.paused) {
      frozen.current = next.paused ? props.store.getSnapshot() : null;
      // Panels fed from outside the store (pipeline rates) are frozen at the same moment.
      frozenExtras.current = next.paused && next.pausedAt !== null
        ? props.extras?.(frozen.current as ConsoleState, next.pausedAt, currentScope(next)) ?? null
        : null;
    }
    setView(next);
    if (next.windowMs !== prev.windowMs) props.onWindow(next.windowMs);
    const [was, now] = [currentScope(prev), currentScope(next)];
    if (was.service !== now.service || was.pod !== now.pod) props.onScope?.(now);
    if (next.pickerTicket !== prev.pickerTicket) listServices(next.pickerTicket);
  };

  /** Fills a newly opened picker; an answer for a picker closed since is dropped by the reducer. */
  const listServices = (ticket: number) => {
    if (!props.listValues) {
      act({ type: 'picker', ticket, action: { type: 'failed', error: 'no Prometheus to list services from: type a name' } });
      return;
    }
    void props.listValues({}).then((action) => act({ type: 'picker', ticket, action }));
  };

  const logAct = (action: LogViewAction) => act({ type: 'logs', action });
  const logPage = Math.max(1, Math.floor(size.rows / 3));
  const shown = viewRef.current.paused && frozen.current ? frozen.current : live;
  const bars = barsOf(pickMetricView(shown, 'p99'), props.profile.labels.pod);
  const chartColumns = computeLayout(size.cols, size.rows - 1, { p99Bars: 0, pipelineRows: 0, hasLogs: false }).chartColumns;

  const panelIds = panelsByPriority(props.profile.panels).map((p) => p.id);

  const onKey = (input: string, key: Key): void => {
    const view = viewRef.current as ViewState;
    // A slow read can bring several typed keys at once ("/timeout\r"): each is its own key press, in order,
    // whatever mode the previous ones put the screen in (a filter being typed, the picker).
    if (input.length > 1 && !key.meta && !input.startsWith('\u001b')) {
      const plainKey: Key = { ...key, ctrl: false, return: false, tab: false, backspace: false };
      for (const ch of input) {
        const code = ch.charCodeAt(0);
        if (ch === '\r' || ch === '\n') onKey('', { ...plainKey, return: true });
        else if (ch === '\t') onKey('', { ...plainKey, tab: true });
        else if (ch === '\u007f' || ch === '\b') onKey('', { ...plainKey, backspace: true });
        // Other control bytes are ctrl and a letter (ctrl-u is 0x15), as they are when they come alone.
        else if (code < 0x20) onKey(String.fromCharCode(code + 0x60), { ...plainKey, ctrl: true });
        else onKey(ch, plainKey);
      }
      return;
    }
    if (key.ctrl && input === 'c') {
      props.onQuit();
      exit();
      return;
    }
    if (view.picker) {
      const action = pickerActionFor(input, key, Math.max(1, size.rows - 6));
      if (action) act({ type: 'picker', action });
      return;
    }
    if (view.logs.editing !== null) {
      // While the filter is being typed every key is text, except the few that finish or edit it.
      if (key.return) logAct({ type: 'filter-apply' });
      else if (key.escape) logAct({ type: 'filter-cancel' });
      else if (key.backspace || key.delete) logAct({ type: 'filter-erase' });
      else if (key.ctrl && input === 'u') logAct({ type: 'filter-clear' });
      else if (input && !key.ctrl && !key.meta) logAct({ type: 'filter-type', text: input });
      return;
    }
    if (view.why && !(key.ctrl && input === 'c') && input !== 'q') {
      const r = whyKeyActions({ input, upArrow: key.upArrow, downArrow: key.downArrow, return: key.return, escape: key.escape }, view, whyShown.current, props.now());
      r.actions.forEach(act);
      if (r.say) say(r.say);
      return;
    }
    if (view.help && (key.upArrow || key.downArrow || key.pageUp || key.pageDown)) {
      const step = key.pageUp || key.pageDown ? Math.max(1, size.rows - 3) : 1;
      const max = Math.max(0, helpLines(size.cols, props.moreHelp).length - (size.rows - 2));
      return act({ type: 'help-scroll', lines: key.upArrow || key.pageUp ? -step : step, max });
    }
    const maxScroll = props.logs?.maxScroll(view.logs, currentScope(view)) ?? 0;
    const scroll = (lines: number) => logAct({ type: 'scroll', lines, max: maxScroll, total: props.logs?.total() ?? 0 });
    const cmd = commandFor({
      input, tab: key.tab, shift: key.shift, escape: key.escape, ctrl: key.ctrl,
      upArrow: key.upArrow, downArrow: key.downArrow, pageUp: key.pageUp, pageDown: key.pageDown, return: key.return,
    });
    switch (cmd) {
      case 'quit':
        props.onQuit();
        exit();
        return;
      case 'help':
        return act({ type: 'toggle-help' });
      case 'why':
        return act({ type: 'toggle-why' });
      case 'zoom':
        return act({ type: 'toggle-zoom' });
      case 'close':
        if (view.help) return act({ type: 'close-overlay' });
        if (view.zoomed) return act({ type: 'toggle-zoom' });
        if (view.cursorAt !== null) return act({ type: 'cursor-clear' });
        return act({ type: 'scope-back' });
      case 'pick-service':
        return act({ type: 'picker-open' });
      case 'select': {
        const bar = bars[Math.min(view.selectedBar, bars.length - 1)];
        if (view.focus === 'p99' && bar) act({ type: 'scope-pod', pod: bar.label });
        return;
      }
      case 'trace-filter': {
        if (view.focus !== 'p99') return say('t filters the logs by a trace: tab to the p99 panel first');
        const bar = bars[Math.min(view.selectedBar, bars.length - 1)];
        if (view.logs.filter !== '' && view.logs.filter === bar?.trace) return logAct({ type: 'filter-set', text: '' });
        if (!bar?.trace) return say('no trace for this pod: its exemplars carry none (OpenMetrics scrapes with trace_id)');
        logAct({ type: 'filter-set', text: bar.trace });
        return say(`logs filtered by trace ${bar.trace}`);
      }
      case 'cursor-back':
      case 'cursor-forward':
      case 'cursor-back-far':
      case 'cursor-forward-far': {
        const direction = cmd === 'cursor-back' || cmd === 'cursor-back-far' ? -1 : 1;
        // A past window pans once the cursor is at its edge: back from the oldest column, forward past the newest.
        const atEdge = direction < 0 ? view.cursorAt !== null && view.cursorAt <= props.now() - view.windowMs : view.cursorAt === null;
        if (props.onPan && atEdge) return say(props.onPan(direction) ? `window moved ${direction < 0 ? 'back' : 'forward'} a quarter` : 'the window already ends at the present');
        const far = cmd === 'cursor-back-far' || cmd === 'cursor-forward-far' ? 10 : 1;
        return act({ type: 'cursor', direction, stepMs: far * stepForWidth(view.windowMs, chartColumns), now: props.now() });
      }
      case 'pause':
        return act({ type: 'toggle-pause', now: props.now(), logTotal: props.logs?.total() });
      case 'filter':
        return logAct({ type: 'filter-open' });
      case 'errors-only':
        return logAct({ type: 'toggle-errors' });
      case 'follow':
        return logAct({ type: 'follow' });
      case 'scroll-up':
        if (view.focus === 'p99') return act({ type: 'select-bar', delta: -1, bars: bars.length });
        return scroll(1);
      case 'scroll-down':
        if (view.focus === 'p99') return act({ type: 'select-bar', delta: 1, bars: bars.length });
        return scroll(-1);
      case 'page-up':
        return scroll(logPage);
      case 'page-down':
        return scroll(-logPage);
      case 'window-up':
        return act({ type: 'window', direction: 1 });
      case 'window-down':
        return act({ type: 'window', direction: -1 });
      case 'refresh':
        return props.onRefresh();
      case 'copy-query':
      case 'copy-link': {
        const sc = currentScope(view);
        const own = props.profile.panels?.find((p) => view.focus === `panel:${p.id}`);
        const expr = expandQuery(own ? own.query : view.focus === 'p99' ? props.profile.queries.p99 : props.profile.queries.errorRate, {
          service: sc.service, pod: sc.pod, podLabel: props.profile.labels.pod, windowMs: view.windowMs,
          stepMs: stepForWidth(view.windowMs, chartColumns), scrapeIntervalMs: props.profile.scrapeIntervalMs,
        });
        const what = own ? `"${own.title}"` : view.focus === 'p99' ? 'p99' : 'error-rate';
        if (!props.onCopy) return say('copying needs the full screen');
        if (cmd === 'copy-link') {
          if (!props.profile.grafana) return say('no grafana.url in the profile: Y copies an Explore link once it has one');
          props.onCopy(exploreLink(props.profile.grafana, expr, view.windowMs));
          return say(`copied a Grafana Explore link for the ${what} query`);
        }
        props.onCopy(expr);
        return say(`copied the ${what} PromQL (${expr.length} characters)`);
      }
      case 'focus-next':
        return act({ type: 'focus-next', panels: panelIds });
      case 'focus-prev':
        return act({ type: 'focus-prev', panels: panelIds });
      default:
    }
  };
  useInput(onKey);

  const view = viewRef.current;
  const state = view.paused && frozen.current ? frozen.current : live;
  const footer: Line = view.logs.editing !== null
    ? [{ text: `filter logs: ${view.logs.editing}`, tone: 'accent' }, { text: '_', inverse: true }, { text: '   enter apply  esc cancel  ctrl-u clear', tone: 'muted' }]
    : said.current && props.now() - said.current.at < 4000
      ? line(said.current.text, 'accent', true)
      : line(footerHint(size.cols), 'muted');
  const now = view.pausedAt ?? props.now();
  const scope: Scope = currentScope(view);
  const extras = view.paused && frozenExtras.current ? frozenExtras.current : props.extras?.(state, now, scope);
  whyShown.current = extras?.why?.suspects ?? [];
  const frame = composeFrame({
    state, view, profile: props.profile, service: scope.service, pod: scope.pod, now, ttfgMs: props.ttfgMs(),
    pausedUpdates: view.paused ? live.version - state.version : undefined,
    p99Selected: view.focus === 'p99' ? Math.min(view.selectedBar, Math.max(0, bars.length - 1)) : -1,
    // One row short of the terminal: Ink ends its output with a newline, which would scroll a full-height frame.
    cols: size.cols, rows: size.rows - 1, glyphs: props.glyphs, footer,
    ...extras,
    logs: props.logs?.panel(view, now, scope),
    panels: props.profile.panels,
    historical: props.historical?.(),
    noMetrics: props.noMetrics,
  });
  useEffect(() => props.onFrame(frame.hasRealData));
  if (view.picker) {
    return <Lines lines={pickerLines({ state: view.picker, rows: size.rows - 1, width: size.cols, glyphs: props.glyphs })} color={props.color} />;
  }
  if (view.why) {
    return <Lines lines={whyListLines({ suspects: whyShown.current, selected: view.whySelected ?? 0, rows: size.rows - 1, width: size.cols, glyphs: props.glyphs })} color={props.color} />;
  }
  if (view.help) return <HelpOverlay rows={size.rows - 1} cols={size.cols} color={props.color} more={props.moreHelp} scroll={view.helpScroll} />;
  return <Lines lines={frame.lines} color={props.color} />;
}
