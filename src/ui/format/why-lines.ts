// The Why line under the header (the top suspects that fit the width) and the full list behind it (w).
import { suspectAction } from '../../model/suspects/suspect-actions.js';
import { NO_CLEAR_SUSPECT, type Suspect } from '../../model/suspects/suspect.js';
import { cutToWidth, displayWidth } from '../../model/text/display-width.js';
import { fitLine, lineLength, type Line, type Segment } from '../../terminal/styled.js';
import type { Glyphs } from './glyphs.js';

/** What the Why line is drawn from: the ranked suspects, or nothing to judge yet (no error rate). */
export interface WhyInput {
  suspects: readonly Suspect[];
  /** True until the error rate has data: the line says so instead of "no clear suspect". */
  waiting?: boolean;
  /** While waiting: why there is no data to judge (every metric source down), said instead of "waiting". */
  down?: string;
}

/** Most suspects the line names. */
export const WHY_MAX = 3;
/**
 * Widest a suspect's short form may be on the line while others wait for room, in columns (a long message is cut).
 * A wider line shares what it has: each suspect may take its part of the columns left, and the last one the rest.
 */
const BRIEF_MAX = 48;

/**
 * The Why line: "Why " and the top one to three suspects whose short forms fit `width` whole (the first always, cut
 * if it must be), then how many more the list holds ("+2 more: w") when that fits too.
 */
export function whyLine(w: WhyInput, width: number, g: Glyphs): Line {
  const head: Segment = { text: 'Why ', tone: 'accent', bold: true };
  if (w.suspects.length === 0 && w.waiting && w.down) return fitLine([head, { text: w.down, tone: 'crit' }], width, g.ellipsis);
  if (w.suspects.length === 0) return [head, { text: w.waiting ? 'waiting for the error rate' : NO_CLEAR_SUSPECT, tone: 'muted' }];
  const out: Line = [head];
  const sep: Segment = { text: ` ${g.dot} `, tone: 'muted' };
  let shown = 0;
  const top = w.suspects.slice(0, WHY_MAX);
  const caps = briefCaps(top.map((s) => displayWidth(s.brief)), width - lineLength(out) - lineLength([sep]) * (top.length - 1)
    - (w.suspects.length > top.length ? lineLength([{ text: `  +${w.suspects.length - top.length} more: w` }]) : 0));
  for (const [i, s] of top.entries()) {
    const brief = cutToWidth(s.brief, caps[i], g.ellipsis);
    const seg: Line = [...(shown ? [sep] : []), { text: brief, tone: shown === 0 ? 'warn' : undefined, bold: shown === 0 }];
    if (shown > 0 && lineLength(out) + lineLength(seg) > width) break;
    out.push(...seg);
    shown++;
  }
  const more = w.suspects.length - shown;
  const tail: Segment = { text: `  +${more} more: w`, tone: 'muted' };
  if (more > 0 && lineLength(out) + lineLength([tail]) <= width) out.push(tail);
  return fitLine(out, width, g.ellipsis);
}

/**
 * Columns each short form may take: `room` shared fairly (a short one takes what it needs, and what it leaves goes to
 * the longer ones), never less than BRIEF_MAX.
 */
function briefCaps(widths: readonly number[], room: number): number[] {
  const caps = new Array<number>(widths.length).fill(0);
  const order = widths.map((_, i) => i).sort((a, b) => widths[a] - widths[b]);
  let left = room;
  for (const [k, i] of order.entries()) {
    caps[i] = Math.max(0, Math.min(widths[i], Math.floor(left / (order.length - k))));
    left -= caps[i];
  }
  return caps.map((c) => Math.max(BRIEF_MAX, c));
}

const KIND_WORD: Record<Suspect['kind'], string> = { change: 'change', pod: 'pod', dependency: 'message', alert: 'alert', trust: 'pipeline' };

const hms = (ms: number) => new Date(ms).toISOString().slice(11, 19);

/** What enter does on `s`, in words for the list's footer. */
export function actionWords(s: Suspect | undefined): string {
  const a = s && suspectAction(s);
  if (!a) return 'nothing to act on';
  switch (a.type) {
    case 'scope-pod':
      return `drill down to ${a.pod}`;
    case 'cursor':
      return `move the time cursor to ${hms(a.at)}Z`;
    case 'filter':
      return 'filter the logs by this message';
    default:
      return 'focus the pipeline panel';
  }
}

/** `text` in pieces of at most `width` columns, broken at spaces where it can be. */
function wrapWords(text: string, width: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (const word of text.split(' ')) {
    const next = cur === '' ? word : `${cur} ${word}`;
    if (displayWidth(next) <= width || cur === '') cur = next;
    else {
      out.push(cur);
      cur = word;
    }
  }
  if (cur) out.push(cur);
  return out;
}

/** Columns before the evidence in the list (the score and kind columns). */
const EVIDENCE_INDENT = 18;

/**
 * The list behind the Why line, `rows` x `width`: each suspect with its score, kind and subject, then its evidence
 * and time wrapped under the subject; the list scrolls to keep the selected suspect in view.
 */
export function whyListLines(p: { suspects: readonly Suspect[]; selected: number; rows: number; width: number; glyphs: Glyphs }): Line[] {
  const { suspects, width } = p;
  const title: Line = [{ text: 'Why', tone: 'title', bold: true }, { text: suspects.length ? `  ${suspects.length} suspect${suspects.length > 1 ? 's' : ''}, best first (score 0..1)` : '', tone: 'muted' }];
  const blocks: Line[][] = suspects.map((s, i) => {
    const sel = i === p.selected;
    const first: Line = [
      { text: `${sel ? '>' : ' '} ${s.score.toFixed(2)}  ${KIND_WORD[s.kind].padEnd(8)} `, inverse: sel, bold: sel },
      { text: s.subject, bold: true, inverse: sel },
    ];
    const words = `${s.evidence}${s.at !== null ? `  at ${hms(s.at)}Z` : ''}`;
    const rest = wrapWords(words, Math.max(20, width - EVIDENCE_INDENT)).map((t): Line => [{ text: `${' '.repeat(EVIDENCE_INDENT)}${t}` }]);
    return [first, ...rest];
  });
  const footer: Line = suspects.length
    ? [{ text: `enter: ${actionWords(suspects[p.selected])}`, tone: 'accent' }, { text: '  up/down: choose  esc: close', tone: 'muted' }]
    : [{ text: 'esc: close', tone: 'muted' }];
  const empty: Line[] = suspects.length ? [] : [
    [{ text: `  ${NO_CLEAR_SUSPECT}`, bold: true }],
    ...['No rule passed its threshold: no deploy shortly before', 'a rise, no pod far from its peers or carrying most error', 'lines, no message dominating the errors, no alert firing,', 'no pipeline component failing or degraded.']
      .map((t): Line => [{ text: `  ${t}`, tone: 'muted' }]),
  ];
  // The first suspect shown is the latest one from which the selected suspect's block still fits.
  const room = Math.max(1, p.rows - 3);
  let start = Math.min(p.selected, Math.max(0, blocks.length - 1));
  let used = blocks[start]?.length ?? 0;
  while (start > 0 && used + blocks[start - 1].length <= room) used += blocks[--start].length;
  const lines: Line[] = [title, [], ...empty, ...blocks.slice(start).flat()].slice(0, p.rows - 1);
  while (lines.length < p.rows - 1) lines.push([]);
  lines.push(footer);
  return lines.map((l) => fitLine(l.length ? l : [{ text: '' }], width, p.glyphs.ellipsis));
}
