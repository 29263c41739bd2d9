// The panels beyond error rate and p99, built the same way for the full screen and for --once frames.
import type { ConsoleState } from '../model/console-state/console-state.js';
import type { PipelineRow } from '../model/pipeline/pipeline-verdict.js';
import { alertsPanel } from '../ui/format/alerts-lines.js';
import type { ExtraPanel } from '../ui/format/panel.js';
import { pipelinePanel } from '../ui/format/pipeline-rows.js';
import type { WatchContext } from './watch-context.js';

/** The extra panels for a state at a moment (epoch ms), for the service (and pod) in scope. */
export type ExtraPanels = (state: ConsoleState, now: number, scope?: { service: string; pod?: string }) => { alerts?: ExtraPanel; pipeline?: ExtraPanel };

/** Extra panels for a watch run; `pipeline` gives the pipeline rows at a moment. */
export function extraPanels(ctx: Pick<WatchContext, 'glyphs' | 'profile'>, pipeline?: { rows(now: number): PipelineRow[] }): ExtraPanels {
  return (state, now, scope) => ({
    alerts: alertsPanel(state, now, ctx.glyphs, scope && { ...scope, serviceLabel: ctx.profile.labels.service, podLabel: ctx.profile.labels.pod }),
    pipeline: pipeline ? pipelinePanel(pipeline.rows(now), ctx.glyphs) : undefined,
  });
}
