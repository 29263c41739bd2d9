// The panels beyond error rate and p99, built the same way for the full screen and for --once frames.
import type { ConsoleState } from '../model/console-state.js';
import { alertsPanel } from '../ui/format/alerts-lines.js';
import type { ExtraPanel } from '../ui/format/frame.js';
import type { WatchContext } from './watch-context.js';

/** The extra panels for a state at a moment (epoch ms). */
export type ExtraPanels = (state: ConsoleState, now: number) => { alerts?: ExtraPanel; pipeline?: ExtraPanel };

/** Extra panels for a watch run. */
export function extraPanels(ctx: Pick<WatchContext, 'glyphs' | 'profile'>): ExtraPanels {
  return (state, now) => ({ alerts: alertsPanel(state, now, ctx.glyphs) });
}
