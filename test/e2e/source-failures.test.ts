// A refused connection, an HTML 502 from a proxy and a Prometheus API error each become a readable source state.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureProfile, runCli, tempStateDir } from '../helpers/cli.js';
import { freePort } from '../helpers/tsdb-server.js';

describe('watch --once when Prometheus misbehaves', () => {
  let server: Server;
  let base = '';
  const stateDir = tempStateDir();
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url?.startsWith('/proxy/')) {
        res.writeHead(502, { 'content-type': 'text/html' }).end('<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>');
      } else if (req.url?.startsWith('/bad/')) {
        res.writeHead(422, { 'content-type': 'application/json' })
          .end(JSON.stringify({ status: 'error', errorType: 'execution', error: 'query processing would load too many samples into memory' }));
      } else if (req.url?.startsWith('/slow/')) {
        setTimeout(() => res.writeHead(200).end('{}'), 5000).unref();
      } else res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => {
    server.closeAllConnections();
    server.close(() => r());
  }));

  const once = (url: string, extra: string[] = []) =>
    runCli(['watch', '--service', 'payments', '--profile', fixtureProfile('fast'), '--prometheus', url, '--once', '--json', '--state-dir', stateDir, ...extra]);

  it('a refused connection is state down with the reason, exit 1', async () => {
    const port = await freePort();
    const res = await once(`http://127.0.0.1:${port}`);
    expect(res.code).toBe(1);
    const doc = JSON.parse(res.stdout);
    expect(doc.sources[0].state).toBe('down');
    expect(doc.sources[0].error).toMatch(/connection refused/);
  });

  it('an HTML 502 from a proxy names the status and the page title', async () => {
    const doc = JSON.parse((await once(`${base}/proxy`)).stdout);
    expect(doc.sources[0].state).toBe('down');
    expect(doc.sources[0].error).toContain('HTTP 502, text/html: 502 Bad Gateway');
  });

  it('a Prometheus API error shows errorType and error', async () => {
    const doc = JSON.parse((await once(`${base}/bad`)).stdout);
    expect(doc.sources[0].error).toContain('execution: query processing would load too many samples');
  });

  it('credentials in the URL never reach the output', async () => {
    const port = await freePort();
    const res = await once(`http://admin:hunter2secret@127.0.0.1:${port}`);
    expect(res.stdout + res.stderr).not.toContain('hunter2secret');
  });

  it('a bad flag exits 2 with one message naming it', async () => {
    const res = await runCli(['watch', '--service', 'payments', '--refresh', 'soon', '--once']);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/^incident: --refresh: "soon" is not a duration/);
  });
});
