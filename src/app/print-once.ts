// The one `--once` printer, for watch, demo and both replays: a collected state becomes one plain-text frame or the
// snapshot JSON document, with the same panels, the same sizes and the same trimming everywhere.
import { safeJson } from '../model/text/safe-json.js';
import { stepForWidth } from '../config/template.js';
import type { Profile } from '../config/profile.js';
import type { ConsoleState } from '../model/console-state/console-state.js';
import { buildSnapshot } from '../model/console-state/snapshot.js';
import { initialView } from '../model/console-state/view-state.js';
import type { LogBuffer } from '../model/logs/log-buffer.js';
import { logsSnapshot } from '../model/logs/logs-snapshot.js';
import type { PipelineRow } from '../model/pipeline/pipeline-verdict.js';
import { safeText } from '../model/text/safe-text.js';
import { plain } from '../terminal/styled.js';
import { composeFrame } from '../ui/format/frame.js';
import { customPanelWants } from '../ui/format/custom-panel-lines.js';
import { customSnapshot } from '../model/panels/custom-snapshot.js';
import type { Glyphs } from '../ui/format/glyphs.js';
import { pipelineSnapshot } from '../ui/format/pipeline-rows.js';
import { logPane } from '../ui/log-pane.js';
import { extraPanels, suspectsOf } from './extra-panels.js';
import { suspectJson } from '../model/suspects/suspect.js';

/** Rows of a printed frame before the panels that grow it (alerts, pipeline, logs) are added. */
const BASE_ROWS = 30;

/** Rows the log pane gets in a printed frame. */
const LOG_ROWS = 12;

/** Lines of the log pane in the snapshot JSON (newest last). */
export const SNAPSHOT_LOG_LINES = 50;

/** Width of a printed frame: the terminal's when there is one (60 to 160), else 100 columns. */
export function onceColumns(stdout: { isTTY?: boolean; columns?: number }): number {
  return Math.max(60, Math.min(160, (stdout.isTTY && stdout.columns) || 100));
}

/** Chart columns of a frame `cols` wide (the axis labels take the rest). */
export const chartColumnsFor = (cols: number): number => cols - 9;

/** Everything one printed frame or document is made of; `now` in epoch ms. */
export interface OnceInput {
  state: ConsoleState;
  profile: Profile;
  service: string;
  pod?: string;
  now: number;
  ttfgMs: number | null;
  glyphs: Glyphs;
  cols: number;
  /** Pipeline rows at a moment, when the session reads pipeline health. */
  pipeline?: { rows(now: number): PipelineRow[] };
  /** The log buffer, when the session has log lines to show. */
  logs?: LogBuffer;
  /** For a past window: the header's label ("AT 02:25Z (historical)"). */
  historical?: string;
  /** Why no metric will ever come (no metric source was given). */
  noMetrics?: string;
}

/** The frame as plain text: it grows so every panel gets the rows it wants; trailing and repeated blank rows go. */
export function frameText(f: OnceInput): string {
  const view = initialView(f.profile.windowMs);
  const extras = extraPanels({ glyphs: f.glyphs, profile: f.profile }, f.pipeline, () => f.logs)(f.state, f.now, { service: f.service, pod: f.pod });
  const logs = f.logs ? logPane(f.logs, f.glyphs, () => f.state).panel(view, f.now, { service: f.service, pod: f.pod }) : undefined;
  const custom = (f.profile.panels ?? []).reduce((n, p) => n + customPanelWants(p, f.state.custom?.[p.id]), 0);
  const rows = BASE_ROWS + (extras.why ? 1 : 0) + (extras.alerts?.wants ?? 0) + (extras.pipeline?.wants ?? 0) + custom + (logs ? LOG_ROWS : 0);
  const lines = composeFrame({
    state: f.state, view, profile: f.profile, service: f.service, pod: f.pod, now: f.now, ttfgMs: f.ttfgMs,
    cols: f.cols, rows, glyphs: f.glyphs, ...extras, logs, panels: f.profile.panels, historical: f.historical, noMetrics: f.noMetrics,
  // The one gate for printed text: label values, alert names and server errors are shown, never executed.
  }).lines.map((l) => safeText(plain(l)).trimEnd());
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  // Blank rows that only fill a screen say nothing in print: runs of them become one.
  for (let i = lines.length - 1; i > 0; i--) if (lines[i] === '' && lines[i - 1] === '') lines.splice(i, 1);
  return `${lines.join('\n')}\n`;
}

/** The snapshot document (design.md's JSON contract), with `more` fields added at the top level. */
export function snapshotDocument(f: OnceInput, more: Record<string, unknown> = {}): Record<string, unknown> {
  const snapshot = buildSnapshot(f.state, {
    // An archive replayed without --service shows every service: "all" in the document, as it always was.
    service: f.service || 'all', pod: f.pod, profile: f.profile.name, now: f.now, windowMs: f.profile.windowMs,
    stepMs: stepForWidth(f.profile.windowMs, chartColumnsFor(f.cols)), ttfgMs: f.ttfgMs, sloSeconds: f.profile.thresholds.p99SloSeconds,
    podLabel: f.profile.labels.pod, serviceLabel: f.profile.labels.service,
    panels: {
      ...(f.pipeline ? { pipeline: pipelineSnapshot(f.pipeline.rows(f.now)) } : {}),
      ...(f.logs ? { logs: logsSnapshot(f.logs, SNAPSHOT_LOG_LINES, { service: f.service, pod: f.pod }) } : {}),
      ...(f.profile.panels?.length ? { custom: customSnapshot(f.profile.panels, f.state, f.now) } : {}),
      /** What the evidence points at, best first (empty: no clear suspect). */
      suspects: suspectsOf({ profile: f.profile }, f.pipeline, () => f.logs)(f.state, f.now, { service: f.service, pod: f.pod }).suspects.map(suspectJson),
    },
  });
  return { ...snapshot, ...more };
}

/** The printed form: the JSON document or the text frame. */
export function onceText(f: OnceInput, json: boolean, more: Record<string, unknown> = {}): string {
  return json ? `${safeJson(snapshotDocument(f, more), 2)}\n` : frameText(f);
}
