// Answers that never end or are too big: each stops at its own cap, and several together stop at the budget for
// answers in flight, the largest first, with a reason that says what happened.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDefaultDispatcher, FetchError, httpGet, MAX_IN_FLIGHT_BYTES } from '../../src/sources/http-get.js';

const CHUNK = Buffer.alloc(64 * 1024, 'x');

describe('httpGet under hostile answers', () => {
  let server: Server;
  let base = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      if (req.url === '/endless') {
        const more = () => {
          while (!res.destroyed && res.write(CHUNK));
        };
        res.on('drain', more);
        more();
      } else if (req.url?.startsWith('/slow-')) {
        // Writes its size in 64 KiB pieces, one every 5 ms, then ends.
        let left = Number(req.url.slice(6));
        const tick = setInterval(() => {
          if (res.destroyed || left <= 0) {
            clearInterval(tick);
            res.end();
            return;
          }
          res.write(CHUNK);
          left -= CHUNK.length;
        }, 5);
      } else res.end('{"ok":true}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await closeDefaultDispatcher();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('stops a never-ending answer at its cap and says so', async () => {
    const err = await httpGet(`${base}/endless`, { timeoutMs: 10_000, maxBytes: 1024 * 1024 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FetchError);
    expect((err as FetchError).code).toBe('INC_BODY_TOO_LARGE');
    expect((err as FetchError).message).toBe(`answer larger than 1 MiB, stopped reading (${base}/endless)`);
  });

  it('stops the largest answer when those in flight together pass the budget; a small one beside them is read whole', async () => {
    const cap = 64 * 1024 * 1024;
    const [a, b, small] = await Promise.all([
      httpGet(`${base}/endless`, { timeoutMs: 10_000, maxBytes: cap }).catch((e: unknown) => e),
      httpGet(`${base}/endless`, { timeoutMs: 10_000, maxBytes: cap }).catch((e: unknown) => e),
      httpGet(`${base}/slow-${4 * CHUNK.length}`, { timeoutMs: 10_000, maxBytes: cap }),
    ]);
    for (const e of [a, b]) {
      expect((e as FetchError).code).toBe('INC_BODY_TOO_LARGE');
      expect((e as FetchError).message).toMatch(new RegExp(`^answer still growing at \\d+ (KiB|MiB) while answers being read passed ${MAX_IN_FLIGHT_BYTES / 1048576} MiB, stopped reading`));
    }
    expect(small.body).toHaveLength(4 * CHUNK.length);
    // Afterwards nothing counts as in flight: a plain answer is read as usual.
    expect((await httpGet(`${base}/plain`, { timeoutMs: 5000 })).body).toBe('{"ok":true}');
  });
});
