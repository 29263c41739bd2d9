// Imports every dashboard of Debian's ceph-grafana-dashboards (13 real dashboards nobody here wrote) through the built
// program: each profile loads, every converted query is accepted by a real Prometheus, every skipped panel is listed.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProfile } from '../../src/config/load-profile.js';
import { expandQuery } from '../../src/config/template.js';
import { e2eRequired, requireBinary } from '../helpers/binaries.js';
import { runCli } from '../helpers/cli.js';
import { startExporter, type Exporter } from '../helpers/exporter.js';
import { startTsdb, type TsdbServer } from '../helpers/tsdb-server.js';

const DIR = '/etc/grafana/dashboards/ceph-dashboard';
const haveDashboards = existsSync(DIR);
if (!haveDashboards && e2eRequired) throw new Error(`${DIR} is missing (apt-get install ceph-grafana-dashboards) and INCIDENT_E2E=required`);
const prometheus = requireBinary('prometheus', 'prometheus');

describe.skipIf(!prometheus || !haveDashboards)('import grafana on the ceph dashboards', () => {
  let exporter: Exporter;
  let tsdb: TsdbServer;
  const out = mkdtempSync(join(tmpdir(), 'incident-ceph-import-'));
  const files = haveDashboards ? readdirSync(DIR).filter((f) => f.endsWith('.json')).sort() : [];
  const imported: Array<{ file: string; profile: string; stderr: string }> = [];

  beforeAll(async () => {
    exporter = await startExporter();
    tsdb = await startTsdb('prometheus', prometheus as string, [`127.0.0.1:${exporter.port}`]);
    for (const f of files) {
      const profile = join(out, f.replace(/\.json$/, '.yaml'));
      const res = await runCli(['import', 'grafana', join(DIR, f), '-o', profile]);
      expect(res.code, res.stderr).toBe(0);
      imported.push({ file: f, profile, stderr: res.stderr });
    }
  }, 120_000);
  afterAll(async () => {
    await Promise.all([tsdb?.stop(), exporter?.close()]);
    rmSync(out, { recursive: true, force: true });
  });

  it('finds the 13 dashboards', () => {
    expect(files).toHaveLength(13);
  });

  it('every profile loads; every converted query gets status success from Prometheus, as a range and an instant query', async () => {
    let queries = 0;
    const now = Math.floor(Date.now() / 1000);
    for (const { profile: file } of imported) {
      const profile = await loadProfile({ name: file, cwd: out, env: { HOME: out } });
      expect(profile.panels?.length ?? 0).toBeGreaterThan(0);
      for (const p of profile.panels ?? []) {
        const query = expandQuery(p.query, { service: 'ceph', windowMs: 15 * 60_000, stepMs: 10_000, scrapeIntervalMs: 15_000 });
        const range = await fetch(`${tsdb.url}/api/v1/query_range?${new URLSearchParams({ query, start: String(now - 900), end: String(now), step: '10' })}`);
        const body = (await range.json()) as { status: string; error?: string };
        expect({ file, title: p.title, status: body.status, error: body.error }).toEqual({ file, title: p.title, status: 'success', error: undefined });
        const instant = await fetch(`${tsdb.url}/api/v1/query?${new URLSearchParams({ query, time: String(now) })}`);
        expect(((await instant.json()) as { status: string }).status).toBe('success');
        queries++;
      }
    }
    expect(queries).toBeGreaterThan(100);
  }, 120_000);

  it('lists every panel not converted on stderr and as a comment in the profile, with its reason', () => {
    let skipped = 0;
    for (const { profile, stderr } of imported) {
      const text = readFileSync(profile, 'utf8');
      const listed = stderr.split('\n').filter((l) => l.startsWith('  not converted: '));
      const commented = text.split('\n').filter((l) => l.startsWith('#   - '));
      expect(commented.length).toBe(listed.length);
      const [, n] = /(\d+) not converted/.exec(stderr) ?? [];
      expect(Number(n)).toBe(listed.length);
      skipped += listed.length;
    }
    const all = imported.map((i) => i.stderr).join('\n');
    expect(all).toMatch(/not converted: .*: pie charts are not drawn here/);
    expect(all).toMatch(/not converted: .*: heatmap panels are not drawn here/);
    expect(skipped).toBe(7);
  });
});
