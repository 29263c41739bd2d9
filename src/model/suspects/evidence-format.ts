// The numbers in suspects' evidence, written the same way everywhere (on screen, in print, in JSON).

/** A ratio 0..1 as a percentage: one decimal under 10%, none above ("0.1%", "9.1%", "87%"). */
export function pct(ratio: number): string {
  const p = ratio * 100;
  return p < 10 ? `${p.toFixed(1)}%` : `${Math.round(p)}%`;
}

/** Seconds as "2.50 s" from one second, "250 ms" below. */
export function secs(s: number): string {
  return s >= 1 ? `${s.toFixed(2)} s` : `${Math.round(s * 1000)} ms`;
}

/** A lag in milliseconds as "40 s", "3m 20s", "2h 5m". */
export function lag(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.floor(s / 60)}m${s % 60 ? ` ${s % 60}s` : ''}`;
  return `${Math.floor(s / 3600)}h${Math.floor((s % 3600) / 60) ? ` ${Math.floor((s % 3600) / 60)}m` : ''}`;
}
