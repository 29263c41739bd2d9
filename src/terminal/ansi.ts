// Styled lines as terminal text: SGR sequences for tones, weight and inverse, built once per line.
import type { Line, Segment, Tone } from './styled.js';

/** SGR foreground code of each tone (the 16 basic colours, understood by every colour terminal). */
const TONE_SGR: Record<Tone, number> = { ok: 32, warn: 33, crit: 31, muted: 90, accent: 36, marker: 35, title: 37 };

/** SGR parameters for one segment; with `color` false only inverse survives (it is not a colour). */
export function sgrParams(s: Segment, color: boolean): number[] {
  const p: number[] = [];
  if (color && s.bold) p.push(1);
  if (color && s.tone === 'muted') p.push(2);
  if (s.inverse) p.push(7);
  if (color && s.tone) p.push(TONE_SGR[s.tone]);
  return p;
}

/** One line as text with SGR escapes, every styled segment closed with a reset; '' styles nothing. */
export function lineToAnsi(l: Line, color: boolean): string {
  let out = '';
  for (const s of l) {
    const p = sgrParams(s, color);
    out += p.length === 0 || s.text === '' ? s.text : `\x1b[${p.join(';')}m${s.text}\x1b[0m`;
  }
  return out;
}
