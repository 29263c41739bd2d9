// The launcher's GET over a plain socket: answers read with a length, chunked or to the close, byte for byte as
// node:http reads them; anything else (another coding, a malformed head, too many bytes, no answer) is no answer.
import { createServer as createNetServer, type Server as NetServer } from 'node:net';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plainGet, readAnswer, requestText } from '../../src/sources/plain-get.js';

const b = (s: string) => Buffer.from(s, 'latin1');

describe('readAnswer', () => {
  it('reads a body by its length, and waits for the rest of it', () => {
    const whole = b('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 10\r\n\r\n{"a":"\u00e9"}xx');
    expect(readAnswer(whole.subarray(0, 30), false)).toBe('more');
    expect(readAnswer(whole.subarray(0, whole.length - 5), false)).toBe('more');
    const a = readAnswer(whole, false);
    expect(a).toMatchObject({ status: 200, contentType: 'application/json' });
    expect((a as { body: Buffer }).body.toString('latin1')).toBe('{"a":"\u00e9"}x');
    // Closed before its length came: no answer.
    expect(readAnswer(whole.subarray(0, whole.length - 5), true)).toBeNull();
  });

  it('reads a chunked body, with extensions and trailer fields, only once its last chunk has come', () => {
    const text = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n5;x=1\r\n{"a":\r\nA\r\n"0123456"}\r\n0\r\nX-Trailer: 1\r\n\r\n';
    expect(readAnswer(b(text.slice(0, text.indexOf('0\r\nX'))), false)).toBe('more');
    expect(readAnswer(b(text.slice(0, text.length - 2)), false)).toBe('more');
    expect((readAnswer(b(text), false) as { body: Buffer }).body.toString()).toBe('{"a":"0123456"}');
    expect(readAnswer(b(text.replace('A\r\n', 'Z\r\n')), false)).toBeNull();
    expect(readAnswer(b(text.replace('"}\r\n0', '"}XX0')), false)).toBeNull();
  });

  it('reads a body without a length to the close', () => {
    const text = 'HTTP/1.0 503 Service Unavailable\r\nContent-Type: text/plain\r\n\r\nbusy';
    expect(readAnswer(b(text), false)).toBe('more');
    expect(readAnswer(b(text), true)).toMatchObject({ status: 503, contentType: 'text/plain', body: b('busy') });
  });

  it('takes no answer it does not expect', () => {
    for (const head of [
      'HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 2\r\n\r\nab',
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n',
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 2\r\n\r\n0\r\n\r\n',
      'HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nabc',
      'HTTP/1.1 200 OK\r\nContent-Length: -2\r\n\r\nab',
      'HTTP/1.1 100 Continue\r\n\r\n',
      'HTTP/2 200\r\n\r\n',
      'SSH-2.0-OpenSSH_9.2\r\n\r\n',
      'HTTP/1.1 200 OK\r\nno colon here\r\n\r\n',
    ]) expect(readAnswer(b(head), true), head).toBeNull();
    expect(readAnswer(b('x'.repeat(70 * 1024)), false)).toBeNull();
    expect(readAnswer(b('HTTP/1.1 200 OK\r\nContent-'), true)).toBeNull();
  });
});

describe('requestText', () => {
  it('asks for the path and query of the URL, with the headers given and a close', () => {
    expect(requestText(new URL('http://[::1]:9090/prom/api/v1/query_range?query=up&step=15'), { accept: 'application/json' }))
      .toBe('GET /prom/api/v1/query_range?query=up&step=15 HTTP/1.1\r\nHost: [::1]:9090\r\naccept: application/json\r\nConnection: close\r\n\r\n');
  });
});

describe('plainGet', () => {
  let server: Server;
  let raw: NetServer;
  let url = '';
  let rawUrl = '';
  const seen: Array<{ url?: string; headers: Record<string, unknown> }> = [];
  const big = JSON.stringify({ status: 'success', data: Array.from({ length: 3000 }, (_, i) => [i, `v${i}`]) });
  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push({ url: req.url, headers: req.headers });
      if (req.url === '/chunked') {
        // Written in pieces without a length: Node sends it chunked.
        res.writeHead(200, { 'content-type': 'application/json' });
        for (let i = 0; i < big.length; i += 1000) res.write(big.slice(i, i + 1000));
        res.end();
      } else if (req.url === '/length') res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(big) }).end(big);
      else if (req.url === '/silent') void 0;
      else res.writeHead(404).end('no');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // A server that answers without a length and closes, and one that sends no HTTP at all.
    raw = createNetServer((s) => s.once('data', (d) => {
      const text = d.toString();
      // Chunked, with a trailer field, and the connection left open: the answer is whole all the same.
      if (text.includes('/trailers')) s.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nkept\r\n0\r\nX-Sum: 1\r\n\r\n');
      else s.end(text.includes('/garbage') ? '\x1b]0;pwned\x07 not http\r\n\r\n' : 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nto the close');
    }));
    await new Promise<void>((r) => raw.listen(0, '127.0.0.1', r));
    rawUrl = `http://127.0.0.1:${(raw.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await new Promise((r) => raw.close(r));
  });

  it('reads a chunked answer and one with a length, the same bytes, and sends the headers it is given', async () => {
    for (const path of ['/chunked', '/length']) {
      const get = plainGet(new URL(url + path), { accept: 'application/json', 'accept-encoding': 'identity' }, 1 << 20, 5000);
      await get.written;
      const a = await get.answer;
      expect(a?.status).toBe(200);
      expect(a?.contentType).toBe('application/json');
      expect(a?.body.toString('utf8')).toBe(big);
    }
    expect(seen.at(-1)?.headers).toMatchObject({ accept: 'application/json', 'accept-encoding': 'identity', connection: 'close' });
    const notFound = await plainGet(new URL(`${url}/nope`), {}, 1 << 20, 5000).answer;
    expect(notFound).toMatchObject({ status: 404, body: Buffer.from('no') });
  });

  it('reads an answer to the close, or at its end when the server keeps the connection; gives none for garbage, too many bytes, a closed port or a silent server', async () => {
    expect((await plainGet(new URL(`${rawUrl}/ok`), {}, 1 << 20, 5000).answer)?.body.toString()).toBe('to the close');
    // Read as soon as its end came, not when the connection idles out (a minute here).
    expect((await plainGet(new URL(`${rawUrl}/trailers`), {}, 1 << 20, 60_000).answer)?.body.toString()).toBe('kept');
    expect(await plainGet(new URL(`${rawUrl}/garbage`), {}, 1 << 20, 5000).answer).toBeNull();
    expect(await plainGet(new URL(`${url}/length`), {}, 1000, 5000).answer).toBeNull();
    const closed = createNetServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const refused = plainGet(new URL(`http://127.0.0.1:${port}/x`), {}, 1 << 20, 5000);
    await refused.written;
    expect(await refused.answer).toBeNull();
    expect(await plainGet(new URL(`${url}/silent`), {}, 1 << 20, 200).answer).toBeNull();
  });
});
