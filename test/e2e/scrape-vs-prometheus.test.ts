// With the same exporter, the error ratio and p99 per pod the console computes from direct scrapes equal what a real
// Prometheus computes with the profile's PromQL (the exporter's counters grow linearly, so both see the same rates).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireBinary } from '../helpers/binaries.js';
import { runCli, tempStateDir } from '../helpers/cli.js';
import { startExporter, type Exporter } from '../helpers/exporter.js';
import { startTsdb, waitFor, type TsdbServer } from '../helpers/tsdb-server.js';

const prometheus = requireBinary('prometheus', 'prometheus');
const relClose = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));

describe.skipIf(!prometheus)('scrape and Prometheus agree', () => {
  let exporter: Exporter;
  let tsdb: TsdbServer;
  const stateDir = tempStateDir();
  const profile = join(mkdtempSync(join(tmpdir(), 'incident-agree-')), 'agree.yaml');
  writeFileSync(profile, 'name: agree\nextends: default\nscrape_interval: 1s\nwindow: 5m\nscrape:\n  interval: 1s\n');

  beforeAll(async () => {
    exporter = await startExporter();
    tsdb = await startTsdb('prometheus', prometheus!, [`127.0.0.1:${exporter.port}`]);
    await waitFor(async () => {
      const r = await runCli(['watch', '--service', 'payments', '--profile', profile, '--prometheus', tsdb.url, '--once', '--json', '--state-dir', stateDir]);
      return JSON.parse(r.stdout).panels.p99.bars.length >= 2 ? true : null;
    }, 30_000, 'Prometheus data');
  }, 60_000);
  afterAll(async () => {
    await tsdb?.stop();
    await exporter?.close();
  });

  it('gives the same error ratio and p99 bars within 1e-9 relative', async () => {
    const viaProm = JSON.parse((await runCli(['watch', '--service', 'payments', '--profile', profile, '--prometheus', tsdb.url, '--once', '--json', '--state-dir', stateDir])).stdout);
    const viaScrape = JSON.parse((await runCli(['watch', '--service', 'payments', '--profile', profile, '--prometheus', '', '--scrape', `${exporter.url}/metrics`, '--once', '--json', '--state-dir', stateDir])).stdout);
    expect(viaProm.panels.error_rate.origin).toBe('prometheus');
    expect(viaScrape.panels.error_rate.origin).toBe('scrape');
    expect(relClose(viaScrape.panels.error_rate.current, viaProm.panels.error_rate.current)).toBe(true);
    const bars = (doc: { panels: { p99: { bars: Array<{ label: string; seconds: number }> } } }) =>
      Object.fromEntries(doc.panels.p99.bars.map((b) => [b.label, b.seconds]));
    const p = bars(viaProm);
    const s = bars(viaScrape);
    expect(Object.keys(s).sort()).toEqual(Object.keys(p).sort());
    for (const pod of Object.keys(p)) expect(relClose(s[pod], p[pod]), `${pod}: scrape ${s[pod]} vs Prometheus ${p[pod]}`).toBe(true);
    // Both say the same pod's p99 is only a floor (past the top bucket), and only that one.
    const floors = (doc: { panels: { p99: { bars: Array<{ label: string; at_least: boolean }> } } }) =>
      doc.panels.p99.bars.filter((b) => b.at_least).map((b) => b.label);
    expect(floors(viaProm)).toEqual(['payments-hot-1']);
    expect(floors(viaScrape)).toEqual(['payments-hot-1']);
  });
});
