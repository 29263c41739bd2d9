// The characters used for borders, bars, charts and markers, in Unicode or plain ASCII.

/** One set of drawing characters. */
export interface Glyphs {
  ascii: boolean;
  /** asciichart symbols: axis-zero, axis, line, up-end, down-end, ... in asciichart's order. */
  chart: string[];
  barFull: string;
  /** Partial bar blocks from 1/8 to 7/8. */
  barParts: string[];
  slo: string;
  deploy: string;
  alert: string;
  gap: string;
  ellipsis: string;
  /** Before a value that is a floor (a p99 past the histogram's highest bucket): "at least". */
  atLeast: string;
  dot: string;
  rule: string;
  up: string;
  down: string;
  sparks: string[];
}

/** Unicode box drawing and block elements. */
export const unicodeGlyphs: Glyphs = {
  ascii: false,
  chart: ['┼', '┤', '╶', '╴', '─', '╰', '╭', '╮', '╯', '│'],
  barFull: '█',
  barParts: ['▏', '▎', '▍', '▌', '▋', '▊', '▉'],
  slo: '┃',
  deploy: '▼',
  alert: '◆',
  gap: '·',
  ellipsis: '…',
  atLeast: '≥',
  dot: '·',
  rule: '─',
  up: '▲',
  down: '▼',
  sparks: ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'],
};

/** Only printable ASCII. */
export const asciiGlyphs: Glyphs = {
  ascii: true,
  chart: ['+', '|', '-', '-', '-', '\\', '/', '\\', '/', '|'],
  barFull: '#',
  barParts: [],
  slo: '|',
  deploy: 'v',
  alert: '!',
  gap: '.',
  ellipsis: '>',
  atLeast: '>=',
  dot: '.',
  rule: '-',
  up: '^',
  down: 'v',
  sparks: ['_', '.', '-', '-', '=', '=', '#', '#'],
};

/** Picks ASCII when asked, or when the locale is not UTF-8. */
export function chooseGlyphs(ascii: boolean, env: NodeJS.ProcessEnv): Glyphs {
  if (ascii) return asciiGlyphs;
  const locale = env.LC_ALL || env.LC_CTYPE || env.LANG || '';
  return locale && !/utf-?8/i.test(locale) ? asciiGlyphs : unicodeGlyphs;
}
