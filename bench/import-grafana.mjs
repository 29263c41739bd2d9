// Times `incident import grafana` over the 13 ceph-grafana-dashboards dashboards (one process each), against the
// anchors `node -e 0` and `incident --version`, measured in the same run. Medians of RUNS rounds, in milliseconds.
// Usage: node bench/import-grafana.mjs [path/to/incident.mjs]   (needs: apt-get install ceph-grafana-dashboards)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = process.argv[2] ?? 'dist/incident.mjs';
const DIR = '/etc/grafana/dashboards/ceph-dashboard';
const RUNS = 5;
const out = mkdtempSync(join(tmpdir(), 'bench-import-'));
const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();
const time = (args) => {
  const t0 = performance.now();
  execFileSync(process.execPath, args, { stdio: 'ignore' });
  return performance.now() - t0;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rounds = { anchor: [], version: [], importOne: [], importAll: [] };
for (let r = 0; r < RUNS; r++) {
  rounds.anchor.push(time(['-e', '0']));
  rounds.version.push(time([BIN, '--version']));
  const each = files.map((f) => time([BIN, 'import', 'grafana', join(DIR, f), '-o', join(out, `${f}.yaml`)]));
  rounds.importOne.push(median(each));
  rounds.importAll.push(each.reduce((a, b) => a + b, 0));
}
const a = median(rounds.anchor);
for (const [name, xs] of Object.entries(rounds)) console.log(`${name.padEnd(10)} median ${median(xs).toFixed(0)} ms  (${(median(xs) / a).toFixed(2)}x node -e 0)`);
console.log(`${files.length} dashboards, ${RUNS} rounds`);
