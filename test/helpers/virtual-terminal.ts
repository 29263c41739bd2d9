// A terminal model that understands exactly the sequences the screen writer and the terminal modes may send, so a
// test can read the screen a user would see from the bytes, and fail on any other sequence.
import { parseRow, type Cell } from '../../src/terminal/screen-diff.js';

/** A grid of cells driven by bytes; unknown escape sequences throw. */
export class VirtualTerminal {
  grid: Cell[][];
  private y = 0;
  private x = 0;
  private pen = '';
  /** True while the alternate screen is on. */
  alternate = false;
  /** True while the cursor is hidden. */
  cursorHidden = false;

  constructor(private readonly cols: number, private readonly rows: number) {
    this.grid = Array.from({ length: rows }, () => this.blank());
  }

  private blank(): Cell[] {
    return Array.from({ length: this.cols }, () => ({ ch: ' ', style: '' }));
  }

  /** Applies bytes written to the terminal. */
  apply(bytes: string): void {
    const re = /\x1b\[([0-9;?]*)([A-Za-z])|([^\x1b])/gsu;
    let consumed = 0;
    for (const m of bytes.matchAll(re)) {
      if (m.index !== consumed) throw new Error(`unexpected bytes ${JSON.stringify(bytes.slice(consumed, m.index))}`);
      consumed = m.index + m[0].length;
      if (m[3] !== undefined) {
        const code = m[3].codePointAt(0)!;
        if (code < 0x20 || (code >= 0x7f && code < 0xa0)) throw new Error(`control character ${JSON.stringify(m[3])} on screen`);
        const style = parseRow(`${this.pen}${m[3]}`).cells[0].style;
        if (this.x < this.cols) this.grid[this.y][this.x] = { ch: m[3], style };
        this.x++;
        continue;
      }
      const args = m[1].split(';').map(Number);
      switch (m[2]) {
        case 'H':
          this.y = (args[0] || 1) - 1;
          this.x = (args[1] || 1) - 1;
          break;
        case 'G':
          this.x = (args[0] || 1) - 1;
          break;
        case 'K':
          for (let i = this.x; i < this.cols; i++) this.grid[this.y][i] = { ch: ' ', style: '' };
          break;
        case 'J':
          if (m[1] === '2') this.grid = Array.from({ length: this.rows }, () => this.blank());
          else {
            for (let i = this.x; i < this.cols; i++) this.grid[this.y][i] = { ch: ' ', style: '' };
            for (let r = this.y + 1; r < this.rows; r++) this.grid[r] = this.blank();
          }
          break;
        case 'm':
          this.pen = m[1] === '0' || m[1] === '' ? '' : `${this.pen}\x1b[${m[1]}m`;
          break;
        case 'h':
        case 'l':
          if (m[1] === '?1049') this.alternate = m[2] === 'h';
          else if (m[1] === '?25') this.cursorHidden = m[2] === 'l';
          else if (m[1] !== '?2026') throw new Error(`unexpected mode ${JSON.stringify(m[0])}`);
          break;
        default:
          throw new Error(`unexpected sequence ${JSON.stringify(m[0])}`);
      }
    }
    if (consumed !== bytes.length) throw new Error(`unexpected bytes ${JSON.stringify(bytes.slice(consumed))}`);
  }

  /** The screen as text (styles ignored, trailing blanks trimmed). */
  text(): string {
    return this.grid.map((r) => r.map((c) => c.ch).join('').trimEnd()).join('\n').replace(/\n+$/, '');
  }

  /** The style of every cell that shows a character ('' for spaces). */
  styles(): string[][] {
    return this.grid.map((r) => r.map((c) => (c.ch === ' ' ? '' : c.style)));
  }
}
