// One scrape against hostile endpoints: each is an answer with a reason, never a throw or a hang.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scrapeOnce } from '../../src/sources/metrics/scrape-metrics-source.js';

describe('scrapeOnce', () => {
  let server: Server;
  let base = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
      if (req.url === '/endless') {
        res.write('http_requests_total{status="200"} 1\n');
        return; // never ends
      }
      if (req.url === '/cut') return void res.end('a_total 1\nb_total 2\nc_tot');
      if (req.url === '/utf8') return void res.end(Buffer.concat([Buffer.from('x{l="'), Buffer.from([0xff, 0xfe]), Buffer.from('"} 1\ny 2\n')]));
      if (req.url === '/dupes') return void res.end('a_total 1\na_total 2\n');
      if (req.url === '/nan') return void res.end('a NaN\nb NaN\n');
      res.end('ok 1\n');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });
  const once = (path: string, timeoutMs = 2000) => scrapeOnce(`${base}${path}`, { timeoutMs, maxBytes: 1 << 20, signal: new AbortController().signal });

  it('gives up on a body that never ends at the timeout', async () => {
    const r = await once('/endless', 300);
    expect(r).toEqual({ ok: false, error: expect.stringMatching(/timed out after 300 ms/) });
  });

  it('keeps the lines of a body cut mid-line and says so', async () => {
    const r = await once('/cut');
    expect(r.ok && r.samples.map((s) => s.name)).toEqual(['a_total', 'b_total']);
    expect(r.ok && r.problems).toMatch(/1 malformed line from .* \(first at line 3/);
  });

  it('survives invalid UTF-8 and duplicate series, reporting them', async () => {
    const utf8 = await once('/utf8');
    expect(utf8.ok).toBe(true);
    const dupes = await once('/dupes');
    expect(dupes.ok && dupes.problems).toMatch(/malformed line/);
  });

  it('takes NaN values as samples (the rate math skips them)', async () => {
    const r = await once('/nan');
    expect(r.ok && r.samples.every((s) => Number.isNaN(s.value))).toBe(true);
  });
});
