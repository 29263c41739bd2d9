// Splits a byte stream into text lines: bounded line length, invalid UTF-8 replaced, CR before LF removed.

/** Longest line kept, in bytes; the rest of a longer line is dropped and replaced by a marker. */
export const DEFAULT_MAX_LINE_BYTES = 64 * 1024;

/** Text appended to a line that was cut; followed by the number of bytes dropped and "]". */
export const CUT_MARKER = '…[line cut, dropped ';

/** Length in bytes of the longest prefix of `buf` that does not end inside a UTF-8 character. */
export function utf8SafeLength(buf: Buffer): number {
  let i = buf.length - 1;
  let back = 0;
  while (i >= 0 && back < 3 && (buf[i] & 0xc0) === 0x80) {
    i -= 1;
    back += 1;
  }
  if (i < 0) return buf.length;
  const lead = buf[i];
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return buf.length - i >= need ? buf.length : i;
}

function cutNote(dropped: number): string {
  return `${CUT_MARKER}${dropped} bytes]`;
}

/** Cuts a decoded line to at most `maxBytes` of UTF-8 plus the marker; returns it unchanged when short enough. */
export function cutText(text: string, maxBytes = DEFAULT_MAX_LINE_BYTES): { text: string; cut: boolean } {
  if (text.length <= maxBytes / 3) return { text, cut: false };
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return { text, cut: false };
  const head = bytes.subarray(0, maxBytes);
  const keep = head.subarray(0, utf8SafeLength(head));
  return { text: keep.toString('utf8') + cutNote(bytes.length - keep.length), cut: true };
}

/** A decoded line without the carriage return of a CRLF ending. */
export function finishLine(text: string): string {
  return text.endsWith('\r') ? text.slice(0, -1) : text;
}

/** Incremental splitter: feed chunks with push(), take a trailing partial line with flush(). */
export class LineSplitter {
  private parts: Buffer[] = [];
  private partBytes = 0;
  private dropped = 0;
  private skipFirst = false;
  /** Lines cut because they were longer than the limit, since creation. */
  cutLines = 0;

  constructor(private readonly maxBytes = DEFAULT_MAX_LINE_BYTES) {}

  /** True when bytes of an unfinished line are waiting for their newline. */
  get hasPartial(): boolean {
    return this.partBytes > 0 || this.dropped > 0;
  }

  /** Discards everything up to and including the next newline (used when starting mid-line). */
  skipToNextLine(): void {
    this.skipFirst = true;
  }

  /**
   * Feeds bytes; calls `onLine` with each complete line, in order. With `onBlock`, runs of lines that are whole in
   * `chunk` and within the limit are handed over undecoded instead, as chunk[start, end) ending with their newline
   * (each line of it reads as `finishLine(chunk.toString('utf8', lineStart, newline))`), in order with the others.
   */
  push(chunk: Buffer, onLine: (text: string) => void, onBlock?: (chunk: Buffer, start: number, end: number) => void): void {
    let start = 0;
    let block = -1;
    while (start < chunk.length) {
      const nl = chunk.indexOf(10, start);
      if (this.skipFirst) {
        if (nl === -1) return;
        this.skipFirst = false;
        start = nl + 1;
        continue;
      }
      if (nl === -1) {
        if (block >= 0) onBlock?.(chunk, block, start);
        this.append(chunk, start, chunk.length, true);
        return;
      }
      if (this.parts.length === 0 && this.dropped === 0 && nl - start <= this.maxBytes) {
        if (onBlock === undefined) onLine(finishLine(chunk.toString('utf8', start, nl)));
        else if (block < 0) block = start;
      } else {
        if (block >= 0) onBlock?.(chunk, block, start);
        block = -1;
        this.append(chunk, start, nl, false);
        onLine(this.take());
      }
      start = nl + 1;
    }
    if (block >= 0) onBlock?.(chunk, block, start);
  }

  /** Returns the unfinished line (at end of file, after an idle period or on stop), or null when there is none. */
  flush(): string | null {
    this.skipFirst = false;
    return this.hasPartial ? this.take() : null;
  }

  private append(chunk: Buffer, start: number, end: number, keep: boolean): void {
    const room = this.maxBytes - this.partBytes;
    const take = Math.min(room, end - start);
    if (take > 0) {
      const piece = chunk.subarray(start, start + take);
      this.parts.push(keep ? Buffer.from(piece) : piece);
      this.partBytes += take;
    }
    this.dropped += end - start - take;
  }

  private take(): string {
    let buf = this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts, this.partBytes);
    let text: string;
    if (this.dropped > 0) {
      const safe = utf8SafeLength(buf);
      const dropped = this.dropped + buf.length - safe;
      buf = buf.subarray(0, safe);
      text = buf.toString('utf8') + cutNote(dropped);
      this.cutLines += 1;
    } else {
      text = finishLine(buf.toString('utf8'));
    }
    this.parts = [];
    this.partBytes = 0;
    this.dropped = 0;
    return text;
  }
}
