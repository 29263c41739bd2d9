// `replay --summary` over 1M log rows: computed in ClickHouse (`--clickhouse`) against the same lines as a local file,
// with the bytes each moved (the file read from disk; ClickHouse's answers over HTTP), and anchors in the same rounds:
// `node -e 0` and `grep -c error` over the file. A real ClickHouse (Debian clickhouse-server) on loopback with its own
// data directory (test/helpers/clickhouse-server.ts), one MergeTree table in Vector's layout.
// Usage: node bench/clickhouse-summary.mjs [rows] [rounds] [bundle]   (needs clickhouse-server; build first)
import { execFileSync, spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';

const root = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const rows = Number(process.argv[2] ?? 1_000_000);
const rounds = Number(process.argv[3] ?? 5);
const bin = resolve(process.argv[4] ?? join(root, 'dist/incident.mjs'));
const dir = mkdtempSync(join(tmpdir(), 'incident-bench-clickhouse-'));
const helpers = join(dir, 'helpers.mjs');
await esbuild.build({ entryPoints: [join(root, 'test/helpers/clickhouse-server.ts')], bundle: true, platform: 'node', format: 'esm', outfile: helpers, logLevel: 'warning' });
const { startClickHouse } = await import(helpers);
const server = await startClickHouse('clickhouse-server');
await server.sql('CREATE TABLE logs (timestamp DateTime, level String, service String, pod String, message String, latency_ms Nullable(Float64), trace_id String) ENGINE = MergeTree ORDER BY timestamp');

// Ten lines a second over a day and more: 8 services, 5 pods each, 2% errors, 20% after a rise in payments.
const t0 = Date.parse('2026-11-22T00:00:00Z') / 1000;
const file = join(dir, 'archive.jsonl');
const out = createWriteStream(file);
let seed = 11;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
let batch = [];
for (let i = 0; i < rows; i++) {
  const s = t0 + Math.floor(i / 10);
  const service = `svc-${i % 8}`.replace('svc-0', 'payments');
  const error = rand() < (service === 'payments' && i > rows * 0.8 ? 0.2 : 0.02);
  const ms = Math.round(5 + rand() * 300);
  const message = error ? `upstream timeout after ${ms}ms to 10.0.${i % 9}.${i % 13}:8080` : `handled request in ${ms}ms`;
  const row = { level: error ? 'error' : 'info', service, pod: `${service}-${i % 5}`, message, latency_ms: ms, trace_id: `t${i}` };
  const iso = new Date(s * 1000).toISOString();
  out.write(`${JSON.stringify({ time: iso.replace('.000Z', 'Z'), ...row })}\n`);
  batch.push(JSON.stringify({ timestamp: iso.slice(0, 19).replace('T', ' '), ...row }));
  if (batch.length === 100_000 || i === rows - 1) {
    await server.sql('INSERT INTO logs FORMAT JSONEachRow', batch.join('\n'));
    batch = [];
  }
}
await new Promise((r) => out.end(r));
const fileBytes = statSync(file).size;
const from = new Date(t0 * 1000).toISOString();
const to = new Date((t0 + Math.ceil(rows / 10) + 1) * 1000).toISOString();
const env = { ...process.env };
delete env.CI;

function timed(cmd, args) {
  return new Promise((done) => {
    const t = process.hrtime.bigint();
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'ignore'] });
    let text = '';
    child.stdout.on('data', (d) => (text += d));
    child.on('close', () => done({ ms: Number(process.hrtime.bigint() - t) / 1e6, text }));
  });
}
const m = { bare: [], grep: [], file: [], store: [] };
let storeDoc = null;
let fileDoc = null;
for (let i = 0; i < rounds; i++) {
  m.bare.push((await timed(process.execPath, ['-e', '0'])).ms);
  m.grep.push((await timed('grep', ['-c', 'error', file])).ms);
  const f = await timed(process.execPath, [bin, 'replay', file, '--summary', '--json', '--from', from, '--to', to]);
  m.file.push(f.ms);
  fileDoc = JSON.parse(f.text);
  const c = await timed(process.execPath, [bin, 'replay', '--summary', '--json', '--clickhouse', server.url, '--from', from, '--to', to]);
  m.store.push(c.ms);
  storeDoc = JSON.parse(c.text);
}
await server.stop();
rmSync(dir, { recursive: true, force: true });

const same = JSON.stringify({ ...fileDoc, files: undefined }) === JSON.stringify({ ...storeDoc, files: undefined, store: undefined });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const med = Object.fromEntries(Object.entries(m).map(([k, v]) => [k, median(v)]));
const version = execFileSync('dpkg-query', ['-W', '-f', '${Version}', 'clickhouse-server'], { encoding: 'utf8' });
console.log(`machine: ${cpus().length} x ${cpus()[0].model}, Node ${process.version}, NODE_EXTRA_CA_CERTS ${process.env.NODE_EXTRA_CA_CERTS ? 'set' : 'unset'}; clickhouse-server ${version}; ${rounds} interleaved rounds, medians; bundle ${bin.replace(`${root}/`, '')}`);
console.log(`${rows} rows (${fileBytes} bytes as JSON lines); documents equal: ${same}; ClickHouse sent ${storeDoc.store.bytes_received} bytes in ${storeDoc.store.queries} answers`);
console.log('| what | median | / grep -c | bytes moved |');
console.log('| --- | --- | --- | --- |');
const row = (label, v, bytes) => console.log(`| ${label} | ${Math.round(v)} ms | ${(v / med.grep).toFixed(2)}x | ${bytes} |`);
row('`node -e 0`', med.bare, '-');
row('`grep -c error` over the file', med.grep, `${fileBytes} read`);
row('`replay FILE --summary --json`', med.file, `${fileBytes} read`);
row('`replay --summary --json --clickhouse URL`', med.store, `${storeDoc.store.bytes_received} received`);
