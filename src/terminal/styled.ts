// Styled text as data: panels produce lines of segments, drawn by Ink or flattened to plain text.

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

/** Display length of a line (all our generated text is single-width). */
export const lineLength = (l: Line): number => l.reduce((n, s) => n + [...s.text].length, 0);

/** Cuts a line to `width` characters, adding `marker` when cut. */
export function fitLine(l: Line, width: number, marker: string): Line {
  if (lineLength(l) <= width) return l;
  const out: Line = [];
  let room = width - marker.length;
  for (const seg of l) {
    if (room <= 0) break;
    const chars = [...seg.text];
    out.push({ ...seg, text: chars.slice(0, room).join('') });
    room -= Math.min(room, chars.length);
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
