// A minimal RFC 6455 WebSocket server side for tests: handshake, masked client frames, text, ping and close frames.
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** One accepted WebSocket connection. */
export interface WsPeer {
  /** Request path with query string. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  /** Text messages the client sent. */
  readonly received: string[];
  sendText(text: string): void;
  ping(): void;
  /** Sends a close frame with `code` and ends the connection once the client answers (or soon after). */
  close(code: number, reason?: string): void;
  /** Resolves when the TCP connection is gone; the value is the close code the client sent, if any. */
  readonly closed: Promise<number | null>;
}

function frame(opcode: number, payload: Buffer): Buffer {
  const len = payload.length;
  const header = len < 126 ? Buffer.alloc(2) : len < 65536 ? Buffer.alloc(4) : Buffer.alloc(10);
  header[0] = 0x80 | opcode;
  if (len < 126) header[1] = len;
  else if (len < 65536) {
    header[1] = 126;
    header.writeUInt16BE(len, 2);
  } else {
    header[1] = 127;
    header.writeBigUInt64BE(BigInt(len), 2);
  }
  return Buffer.concat([header, payload]);
}

/** Completes the handshake for an HTTP upgrade request and returns the connection. */
export function acceptWebSocket(req: IncomingMessage, socket: Duplex, head: Buffer): WsPeer {
  const key = String(req.headers['sec-websocket-key'] ?? '');
  const accept = createHash('sha1').update(key + GUID).digest('base64');
  socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
  let buffered = head.length > 0 ? Buffer.from(head) : Buffer.alloc(0);
  let closeSent = false;
  let clientCode: number | null = null;
  const received: string[] = [];
  const closed = new Promise<number | null>((resolve) => socket.once('close', () => resolve(clientCode)));
  const write = (opcode: number, payload: Buffer) => {
    if (!socket.destroyed) socket.write(frame(opcode, payload));
  };
  const sendClose = (code: number, reason: string) => {
    if (closeSent) return;
    closeSent = true;
    const payload = Buffer.alloc(2 + Buffer.byteLength(reason));
    payload.writeUInt16BE(code, 0);
    payload.write(reason, 2);
    write(0x8, payload);
    setTimeout(() => socket.destroy(), 500).unref();
  };
  const parse = () => {
    for (;;) {
      if (buffered.length < 2) return;
      const opcode = buffered[0] & 0x0f;
      const masked = (buffered[1] & 0x80) !== 0;
      let len = buffered[1] & 0x7f;
      let at = 2;
      if (len === 126) {
        if (buffered.length < 4) return;
        len = buffered.readUInt16BE(2);
        at = 4;
      } else if (len === 127) {
        if (buffered.length < 10) return;
        len = Number(buffered.readBigUInt64BE(2));
        at = 10;
      }
      const maskAt = at;
      if (masked) at += 4;
      if (buffered.length < at + len) return;
      const payload = Buffer.from(buffered.subarray(at, at + len));
      if (masked) for (let i = 0; i < len; i += 1) payload[i] ^= buffered[maskAt + (i % 4)];
      buffered = buffered.subarray(at + len);
      if (opcode === 0x1) received.push(payload.toString('utf8'));
      else if (opcode === 0x9) write(0xa, payload);
      else if (opcode === 0x8) {
        clientCode = payload.length >= 2 ? payload.readUInt16BE(0) : null;
        sendClose(clientCode ?? 1000, '');
        socket.end();
      }
    }
  };
  socket.on('data', (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    parse();
  });
  socket.on('error', () => socket.destroy());
  if (buffered.length > 0) queueMicrotask(parse);
  return {
    url: req.url ?? '/',
    headers: req.headers,
    received,
    sendText: (text) => write(0x1, Buffer.from(text, 'utf8')),
    ping: () => write(0x9, Buffer.alloc(0)),
    close: (code, reason = '') => sendClose(code, reason),
    closed,
  };
}

/** Answers an upgrade request with a plain HTTP error instead of switching protocols. */
export function refuseUpgrade(socket: Duplex, status: number, body: string): void {
  socket.end(`HTTP/1.1 ${status} Refused\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}
