// One file to copy: dist/incident.mjs alone in an empty directory (no node_modules anywhere above it) runs
// `watch --once --json` against a real Prometheus, and the packed npm tarball installs with no registry.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBinary } from '../helpers/binaries.js';
import { BIN, tempStateDir } from '../helpers/cli.js';
import { startExporter, type Exporter } from '../helpers/exporter.js';
import { startTsdb, waitFor, type TsdbServer } from '../helpers/tsdb-server.js';

const prometheus = requireBinary('prometheus', 'prometheus');
const root = resolve(__dirname, '../..');

describe.skipIf(!prometheus)('one file to copy', () => {
  let exporter: Exporter;
  let tsdb: TsdbServer;
  beforeAll(async () => {
    exporter = await startExporter();
    tsdb = await startTsdb('prometheus', prometheus!, [`127.0.0.1:${exporter.port}`]);
  }, 60_000);
  afterAll(async () => {
    await tsdb?.stop();
    await exporter?.close();
  });

  it('runs watch --once --json from a copy alone in an empty directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'incident-alone-'));
    copyFileSync(BIN, join(dir, 'incident.mjs'));
    expect(readdirSync(dir)).toEqual(['incident.mjs']);
    const env = { ...process.env, CI: undefined, NODE_PATH: undefined };
    const doc = await waitFor(async () => {
      const r = spawnSync(process.execPath, ['incident.mjs', 'watch', '--service', 'payments', '--prometheus', tsdb.url, '--once', '--json', '--state-dir', tempStateDir()], { cwd: dir, env, encoding: 'utf8' });
      const parsed = r.stdout ? JSON.parse(r.stdout) : null;
      return parsed?.panels.error_rate.current != null ? parsed : null;
    }, 30_000, 'a graph from the lone copy');
    expect(doc.panels.error_rate.current).toBeCloseTo(0.05, 6);
  });

  it('packs into a tarball with no runtime dependencies that installs without a registry', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(pkg.bin).toEqual({ incident: 'dist/incident.mjs' });
    const out = mkdtempSync(join(tmpdir(), 'incident-pack-'));
    const tgz = execFileSync('npm', ['pack', '--silent', '--pack-destination', out], { cwd: root, encoding: 'utf8' }).trim().split('\n').at(-1) as string;
    const prefix = mkdtempSync(join(tmpdir(), 'incident-global-'));
    execFileSync('npm', ['install', '-g', '--offline', '--no-audit', '--no-fund', '--prefix', prefix, join(out, tgz)], { encoding: 'utf8' });
    const version = execFileSync(join(prefix, 'bin', 'incident'), ['--version'], { encoding: 'utf8' }).trim();
    expect(version).toBe(pkg.version);
  }, 60_000);
});
