// The `panels.custom[]` part of the --once --json document: each profile panel with its current value and data.
import type { ConsoleState } from '../console-state/console-state.js';
import { legendLabel, levelWord, panelLevel, type CustomPanelSpec } from './custom-panel.js';

/** One custom panel in the snapshot (names are a contract: add fields freely, rename none). */
export interface CustomPanelSnapshot {
  id: string;
  title: string;
  type: string;
  unit: string;
  /** The newest value of the first series, or the first (largest) row's value; null with no data. */
  current: number | null;
  /** "ok", "WARN" or "CRIT" for `current`, or null without thresholds or data. */
  level: string | null;
  thresholds: { warn: number | null; crit: number | null };
  /** Seconds since the data shown was asked for, or null before any answer. */
  age_s: number | null;
  series?: Array<{ label: string; points: Array<[number, number]> }>;
  rows?: Array<{ labels: Record<string, string>; value: number | null }>;
}

/** The custom panels as the snapshot carries them, in profile order; `now` in epoch ms. */
export function customSnapshot(panels: readonly CustomPanelSpec[], state: ConsoleState, now: number): CustomPanelSnapshot[] {
  return panels.map((p) => {
    const view = state.custom?.[p.id];
    const tabular = p.type === 'bars' || p.type === 'table';
    const series = (view?.series ?? []).map((s) => ({
      label: legendLabel(p.legend, s.labels),
      points: s.points.filter((pt): pt is [number, number] => pt[1] !== null),
    }));
    let current: number | null = null;
    if (tabular) current = view?.rows?.find((r) => r.value !== null)?.value ?? null;
    else {
      const first = series[0]?.points;
      current = first?.length ? first[first.length - 1][1] : null;
    }
    const level = current === null ? null : panelLevel(current, p.thresholds);
    return {
      id: p.id,
      title: p.title,
      type: p.type,
      unit: p.unit,
      current,
      level: level ? levelWord(level) : null,
      thresholds: { warn: p.thresholds.warn ?? null, crit: p.thresholds.crit ?? null },
      age_s: view ? Math.round((now - Math.min(view.at, view.asOf ?? view.at)) / 1000) : null,
      ...(tabular
        ? { rows: (view?.rows ?? []).map((r) => ({ labels: r.labels, value: r.value })), ...(p.type === 'bars' ? { series } : {}) }
        : { series }),
    };
  });
}
