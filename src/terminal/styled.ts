// Styled text as data: panels produce lines of segments, drawn by the screen writer or flattened to plain text.
import { cutToWidth, displayWidth } from '../model/text/display-width.js';

/** Colours the panels use; they are an extra cue only, every meaning is also in the text. */
export type Tone = 'ok' | 'warn' | 'crit' | 'muted' | 'accent' | 'marker' | 'title';

/** A run of text with one style. */
export interface Segment {
  text: string;
  tone?: Tone;
  bold?: boolean;
  inverse?: boolean;
}

/** One screen line. */
export type Line = Segment[];

/** A line from plain text with an optional tone. */
export const line = (text: string, tone?: Tone, bold?: boolean): Line => [{ text, tone, bold }];

/** The plain text of a line. */
export const plain = (l: Line): string => l.map((s) => s.text).join('');

/** Columns a line takes on a terminal (wide characters count two, combining marks none). */
export const lineLength = (l: Line): number => l.reduce((n, s) => n + displayWidth(s.text), 0);

/** Cuts a line to `width` columns, adding `marker` when cut; a wide character that does not fit is left out whole. */
export function fitLine(l: Line, width: number, marker: string): Line {
  if (lineLength(l) <= width) return l;
  const out: Line = [];
  let room = width - displayWidth(marker);
  for (const seg of l) {
    if (room <= 0) break;
    const text = cutToWidth(seg.text, room, '');
    out.push({ ...seg, text });
    room -= displayWidth(text);
    if (text.length < seg.text.length) break;
  }
  out.push({ text: marker, tone: 'muted' });
  return out;
}

/** ANSI SGR for a tone, used when a plain-text frame goes to a colour terminal. */
export const TONE_COLOR: Record<Tone, string> = {
  ok: 'green',
  warn: 'yellow',
  crit: 'red',
  muted: 'gray',
  accent: 'cyan',
  marker: 'magenta',
  title: 'white',
};
