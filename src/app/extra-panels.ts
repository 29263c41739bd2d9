// The panels beyond error rate and p99, built the same way for the full screen and for --once frames.
import { dataVersion, pickMetricView, type ConsoleState } from '../model/console-state/console-state.js';
import type { LogBuffer } from '../model/logs/log-buffer.js';
import type { PipelineRow } from '../model/pipeline/pipeline-verdict.js';
import { consoleSuspects } from '../model/suspects/console-suspects.js';
import type { Suspect } from '../model/suspects/suspect.js';
import { alertsPanel } from '../ui/format/alerts-lines.js';
import type { ExtraPanel } from '../ui/format/panel.js';
import { pipelinePanel } from '../ui/format/pipeline-rows.js';
import type { WhyInput } from '../ui/format/why-lines.js';
import type { WatchContext } from './watch-context.js';

/** The extra panels for a state at a moment (epoch ms), for the service (and pod) in scope. */
export type ExtraPanels = (state: ConsoleState, now: number, scope?: { service: string; pod?: string }) => {
  alerts?: ExtraPanel;
  pipeline?: ExtraPanel;
  /** The suspects behind the Why line. */
  why?: WhyInput;
};

/**
 * The ranked suspects for a state at a moment, computed again only when the state, the scope or the second changes
 * (a frame is drawn far more often than that).
 */
export function suspectsOf(
  ctx: Pick<WatchContext, 'profile'>, pipeline?: { rows(now: number): PipelineRow[] }, logsOf?: () => LogBuffer | undefined,
): (state: ConsoleState, now: number, scope?: { service: string; pod?: string }) => WhyInput {
  let key = '';
  let last: Suspect[] = [];
  return (state, now, scope) => {
    const logs = logsOf?.();
    // New log lines alone wait for the next second: they arrive many times a second and move shares slowly. During a
    // burst, working the shares out again at every frame read the pane's 20,000 newest lines thirty times a second.
    const k = `${dataVersion(state)}|${logs ? 'logs' : ''}|${scope?.service ?? ''}|${scope?.pod ?? ''}|${Math.floor(now / 1000)}`;
    if (k !== key) {
      key = k;
      last = consoleSuspects({
        state, service: scope?.service ?? '', pod: scope?.pod, now, windowMs: ctx.profile.windowMs,
        labels: ctx.profile.labels, errorRateWarn: ctx.profile.thresholds.errorRateWarn, logs, pipeline: pipeline?.rows(now),
      });
    }
    return { suspects: last, waiting: last.length === 0 && !pickMetricView(state, 'error_rate') };
  };
}

/** Extra panels for a watch run; `pipeline` gives the pipeline rows at a moment, `logs` the log lines the Why line reads. */
export function extraPanels(
  ctx: Pick<WatchContext, 'glyphs' | 'profile'>, pipeline?: { rows(now: number): PipelineRow[] }, logs?: () => LogBuffer | undefined,
): ExtraPanels {
  const why = suspectsOf(ctx, pipeline, logs);
  return (state, now, scope) => ({
    alerts: alertsPanel(state, now, ctx.glyphs, scope && { ...scope, serviceLabel: ctx.profile.labels.service, podLabel: ctx.profile.labels.pod }),
    pipeline: pipeline ? pipelinePanel(pipeline.rows(now), ctx.glyphs) : undefined,
    why: why(state, now, scope),
  });
}
