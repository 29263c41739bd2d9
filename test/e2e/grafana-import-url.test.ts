// `import grafana --url` through the built program, against a local server answering Grafana's documented
// `GET /api/dashboards/uid/:uid` shape ({dashboard, meta}) with one of Debian's ceph dashboards: the dashboard link is
// turned into the API path, the token goes in a Bearer header and nowhere else, and a refused token is one clear error.
// No Grafana can be installed here, so the server is this test's own; the dashboard in it is a real one.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProfile } from '../../src/config/load-profile.js';
import { e2eRequired } from '../helpers/binaries.js';
import { runCli } from '../helpers/cli.js';

const FILE = '/etc/grafana/dashboards/ceph-dashboard/osds-overview.json';
const haveDashboard = existsSync(FILE);
if (!haveDashboard && e2eRequired) throw new Error(`${FILE} is missing (apt-get install ceph-grafana-dashboards) and INCIDENT_E2E=required`);

const TOKEN = 'glsa_TOKEN-never-shown-4f2a';

describe.skipIf(!haveDashboard)('import grafana --url against a Grafana API', () => {
  const dir = mkdtempSync(join(tmpdir(), 'incident-grafana-url-'));
  const seen: Array<{ url: string; headers: IncomingHttpHeaders }> = [];
  let server: Server;
  let base = '';

  beforeAll(async () => {
    const dashboard = JSON.parse(readFileSync(FILE, 'utf8'));
    server = createServer((req, res) => {
      seen.push({ url: req.url ?? '', headers: req.headers });
      if (req.headers.authorization !== `Bearer ${TOKEN}`) {
        res.writeHead(401, { 'content-type': 'application/json' }).end('{"message":"Unauthorized"}');
        return;
      }
      if (req.url !== '/grafana/api/dashboards/uid/osd-overview') {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Dashboard not found"}');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ dashboard, meta: { slug: 'osd-overview', folderTitle: 'Ceph', url: '/grafana/d/osd-overview/osd-overview' } }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}/grafana`;
    writeFileSync(join(dir, 'token'), `${TOKEN}\n`);
    writeFileSync(join(dir, 'wrong'), 'glsa_wrong\n');
  });
  afterAll(async () => {
    await new Promise((r) => server?.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads the dashboard of a /d/UID link with the token as a Bearer header, and gives the profile the file gives', async () => {
    const fromUrl = join(dir, 'from-url.yaml');
    const fromFile = join(dir, 'from-file.yaml');
    const r = await runCli(['import', 'grafana', '--url', `${base}/d/osd-overview/osd-overview?orgId=1&refresh=30s`, '--token-file', join(dir, 'token'), '-o', fromUrl]);
    expect(r.code, r.stderr).toBe(0);
    expect(seen.at(-1)?.url).toBe('/grafana/api/dashboards/uid/osd-overview');
    expect(seen.at(-1)?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect((await runCli(['import', 'grafana', FILE, '-o', fromFile])).code).toBe(0);
    const [a, b] = await Promise.all([fromUrl, fromFile].map((name) => loadProfile({ name, cwd: dir, env: { HOME: dir } })));
    expect(a.panels?.length ?? 0).toBeGreaterThan(0);
    expect(a.panels).toEqual(b.panels);
    for (const text of [r.stdout, r.stderr, readFileSync(fromUrl, 'utf8')]) expect(text).not.toContain(TOKEN);
  });

  it('a refused token is one error naming --url and the status, exit 2, and the token is not in it', async () => {
    const wrong = await runCli(['import', 'grafana', '--url', `${base}/d/osd-overview/x`, '--token-file', join(dir, 'wrong'), '-o', join(dir, 'no.yaml')]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/--url: Grafana answered 401/);
    expect(wrong.stderr).toMatch(/the token may lack access/);
    expect(wrong.stderr).not.toContain('glsa_wrong');
    expect(existsSync(join(dir, 'no.yaml'))).toBe(false);

    const none = await runCli(['import', 'grafana', '--url', `${base}/api/dashboards/uid/osd-overview`, '-o', join(dir, 'no.yaml')]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/--url: Grafana answered 401/);
    expect(none.stderr).toMatch(/--token-file/);

    const missing = await runCli(['import', 'grafana', '--url', `${base}/d/no-such/x`, '--token-file', join(dir, 'token'), '-o', join(dir, 'no.yaml')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--url: Grafana answered 404/);
    expect(missing.stderr).not.toContain(TOKEN);
  });
});
