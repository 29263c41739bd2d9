// The full screen's first frames while Ink is still loading: composed from the same store and written by the same
// screen writer, so the first data point reaches the terminal without waiting for the component tree.
import type { Profile } from '../config/profile.js';
import type { ConsoleState } from '../model/console-state/console-state.js';
import { initialView } from '../model/console-state/view-state.js';
import { composeFrame } from '../ui/format/frame.js';
import type { Glyphs } from '../ui/format/glyphs.js';
import { line } from '../terminal/styled.js';
import { footerHint } from '../ui/keymap.js';
import type { ExtraPanels } from './extra-panels.js';

/** What the early frames are drawn from and where they go. */
export interface EarlyPaint {
  store: { subscribe(l: () => void): () => void; getSnapshot(): ConsoleState };
  profile: Profile;
  service: string;
  pod?: string;
  glyphs: Glyphs;
  color: boolean;
  extras: ExtraPanels;
  /** Terminal size in cells. */
  size: () => { cols: number; rows: number };
  /** Epoch-ms clock. */
  now: () => number;
  ttfgMs: () => number | null;
  /** A past window: the header's label. */
  historical?: () => string;
  /** Why no metric will ever come (no metric source was given). */
  noMetrics?: string;
  /** Receives each frame's lines, and whether the frame holds a real data point. */
  draw: (lines: ReturnType<typeof composeFrame>['lines'], color: boolean, hasRealData: boolean) => void;
  /**
   * When the first frame may go, if not at once: an answer already on its way (the launcher's) then comes first, and
   * the first frame holds its data instead of being drawn empty and again a few milliseconds later.
   */
  firstAfter?: Promise<unknown> | null;
}

/**
 * Draws a frame now (or once `firstAfter` settles, unless a change drew one before) and on every store change until the
 * returned stop function is called (when Ink takes over).
 */
export function paintEarly(p: EarlyPaint): () => void {
  const view = initialView(p.profile.windowMs);
  const paint = () => {
    const { cols, rows } = p.size();
    const now = p.now();
    const state = p.store.getSnapshot();
    const frame = composeFrame({
      state, view, profile: p.profile, service: p.service, pod: p.pod, now, ttfgMs: p.ttfgMs(),
      // The same height the app uses (one row short of the terminal).
      cols, rows: rows - 1, glyphs: p.glyphs, footer: line(footerHint(cols), 'muted'), ...p.extras(state, now, { service: p.service, pod: p.pod }),
      historical: p.historical?.(), noMetrics: p.noMetrics,
    });
    p.draw(frame.lines, p.color, frame.hasRealData);
  };
  if (!p.firstAfter) {
    paint();
    return p.store.subscribe(paint);
  }
  let painted = false;
  let stopped = false;
  const unsubscribe = p.store.subscribe(() => {
    painted = true;
    paint();
  });
  const first = () => {
    if (!painted && !stopped) paint();
  };
  p.firstAfter.then(first, first);
  return () => {
    stopped = true;
    unsubscribe();
  };
}
