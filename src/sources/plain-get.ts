// One HTTP/1.1 GET over a plain socket, for the launcher's early request (sources/first-request.ts): node:net is
// loaded by every screen anyway (the terminal's streams), node:http is not, and loading it with its request machinery
// took about 5 ms before the request could leave. The request asks the server to close the connection after its
// answer; the answer is read with its Content-Length, chunked, or to the close. Anything this reader does not expect
// (another transfer or content coding, a malformed head, a 1xx status) is no answer: the program then asks itself.

/** An answer read whole. */
export interface PlainAnswer {
  status: number;
  contentType: string;
  body: Buffer;
}

/** Where the head ends and what it says, or null when it is not a head this reader takes. */
interface Head {
  status: number;
  contentType: string;
  /** Bytes before the body. */
  size: number;
  length: number | null;
  chunked: boolean;
}

const CRLF2 = Buffer.from('\r\n\r\n');

function readHead(buf: Buffer): Head | null | 'more' {
  const end = buf.indexOf(CRLF2);
  if (end < 0) return buf.length > 64 * 1024 ? null : 'more';
  const lines = buf.toString('latin1', 0, end).split('\r\n');
  const status = /^HTTP\/1\.[01] ([2-5]\d\d)(?: |$)/.exec(lines[0]);
  if (!status) return null;
  const head: Head = { status: Number(status[1]), contentType: '', size: end + 4, length: null, chunked: false };
  for (const l of lines.slice(1)) {
    const colon = l.indexOf(':');
    if (colon <= 0) return null;
    const name = l.slice(0, colon).trim().toLowerCase();
    const value = l.slice(colon + 1).trim();
    if (name === 'content-type') head.contentType = value;
    else if (name === 'content-length') {
      if (!/^\d{1,15}$/.test(value) || (head.length !== null && head.length !== Number(value))) return null;
      head.length = Number(value);
    } else if (name === 'transfer-encoding') {
      if (value.toLowerCase() !== 'chunked') return null;
      head.chunked = true;
    } else if (name === 'content-encoding' && value.toLowerCase() !== 'identity') return null;
  }
  return head.chunked && head.length !== null ? null : head;
}

/** The body of a chunked message whose last chunk has come, or null when it is malformed; 'more' until then. */
function unchunk(buf: Buffer, from: number): Buffer | null | 'more' {
  const parts: Buffer[] = [];
  let at = from;
  for (;;) {
    const eol = buf.indexOf('\r\n', at);
    if (eol < 0) return 'more';
    const size = /^([0-9a-fA-F]{1,8})(?:;.*)?$/.exec(buf.toString('latin1', at, eol));
    if (!size) return null;
    const n = parseInt(size[1], 16);
    // The last chunk, then trailer fields (if any) and an empty line.
    if (n === 0) return buf.indexOf(CRLF2, eol) >= 0 ? Buffer.concat(parts) : 'more';
    if (eol + 2 + n + 2 > buf.length) return 'more';
    if (buf[eol + 2 + n] !== 13 || buf[eol + 3 + n] !== 10) return null;
    parts.push(buf.subarray(eol + 2, eol + 2 + n));
    at = eol + 4 + n;
  }
}

/**
 * The answer in `buf` (all bytes read so far): whole, 'more' when it needs more bytes, or null when it is not one
 * this reader takes. `closed` says the server has closed the connection: a body without length ends there.
 */
export function readAnswer(buf: Buffer, closed: boolean): PlainAnswer | null | 'more' {
  const head = readHead(buf);
  if (head === 'more' || head === null) return closed ? null : head;
  let body: Buffer | null | 'more';
  if (head.chunked) body = unchunk(buf, head.size);
  else if (head.length !== null) body = buf.length - head.size >= head.length ? buf.subarray(head.size, head.size + head.length) : 'more';
  else body = closed ? buf.subarray(head.size) : 'more';
  if (body === 'more') return closed ? null : 'more';
  return body && { status: head.status, contentType: head.contentType, body };
}

/** The request's bytes: GET of the URL's path and query, with the headers the program sends and Connection: close. */
export function requestText(u: URL, headers: Record<string, string>): string {
  const extra = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('');
  return `GET ${u.pathname}${u.search} HTTP/1.1\r\nHost: ${u.host}\r\n${extra}Connection: close\r\n\r\n`;
}

/** A GET sent over its own connection: `written` once the request is out, `answer` null on any failure. */
export interface PlainGet {
  written: Promise<void>;
  answer: Promise<PlainAnswer | null>;
}

/** Sends a GET of `u` (plain http) and reads its answer, of at most `maxBytes` bytes, within `timeoutMs`. */
export function plainGet(u: URL, headers: Record<string, string>, maxBytes: number, timeoutMs: number): PlainGet {
  let wrote = () => {};
  const written = new Promise<void>((resolve) => (wrote = resolve));
  const answer = new Promise<PlainAnswer | null>((resolve) => {
    const host = u.hostname.startsWith('[') ? u.hostname.slice(1, -1) : u.hostname;
    const socket = process.getBuiltinModule('node:net').connect({ host, port: Number(u.port) || 80 });
    const chunks: Buffer[] = [];
    let size = 0;
    let head: Head | undefined;
    let settled = false;
    const finish = (a: PlainAnswer | null) => {
      if (settled) return;
      settled = true;
      wrote();
      socket.destroy();
      resolve(a);
    };
    const all = () => (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
    const whole = (closed: boolean) => {
      const a = readAnswer(all(), closed);
      if (a !== 'more') finish(a);
    };
    socket.setTimeout(timeoutMs, () => finish(null));
    // The request is written as the socket connects (in the same callback): the turn after that, it is out.
    socket.once('connect', () => setImmediate(wrote));
    socket.on('error', () => finish(null));
    socket.on('data', (c: Buffer) => {
      size += c.length;
      if (size > maxBytes) return finish(null);
      chunks.push(c);
      if (!head) {
        const h = readHead(all());
        if (h === null) return finish(null);
        if (h === 'more') return;
        head = h;
      }
      // Read whole only when it may be: its length has come, or what came ends as a chunked body's end does (its last
      // chunk, or trailer fields, then an empty line); else at the close.
      if (head.length !== null ? size >= head.size + head.length : head.chunked && endsWith(c, chunks, CRLF2)) whole(false);
    });
    socket.on('end', () => whole(true));
    socket.on('close', () => finish(null));
    socket.write(requestText(u, headers));
  });
  return { written, answer };
}

/** True when the bytes read so far (the newest chunk `c` last of `chunks`) end with `tail`. */
function endsWith(c: Buffer, chunks: Buffer[], tail: Buffer): boolean {
  const end = c.length >= tail.length ? c.subarray(c.length - tail.length) : Buffer.concat(chunks.slice(-tail.length)).subarray(-tail.length);
  return end.equals(tail);
}
