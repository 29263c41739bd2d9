// The incident timeline of a large archive: `incident replay FILE --summary --json` against lnav (-n, with a JSON
// format definition for the same fields, counting lines by level in its SQL table), jq (counting levels and services
// in one streaming reduce) and the anchor, a plain Node readline + JSON.parse loop counting the same, all on the same
// file in the same run. Runs are interleaved (one of each per round) so that noise on a shared machine falls on all.
// Wall time and peak RSS come from GNU time (/usr/bin/time -f).
// lnav 0.11 (Debian 12) aborts on lines out of time order by under a second (its histogram's precondition, lnav issue
// #1175), so without FILE the generated 1,000,000 lines are in time order; a command that fails is reported, not timed.
// Usage: node bench/replay.mjs [FILE] [runs]   (run `npm run build` first)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const dir = mkdtempSync(join(tmpdir(), 'incident-bench-replay-'));
const runs = Number(process.argv[3] ?? 3);
let file = process.argv[2];
if (!file) {
  file = join(dir, 'big.jsonl');
  execFileSync(process.execPath, [join(root, 'scripts/gen-archive.mjs'), '--lines', '1000000', '--ordered', '--out', file], { stdio: 'inherit' });
}
const bin = join(root, 'dist/incident.mjs');
if (!existsSync(bin)) throw new Error('dist/incident.mjs is missing: run `npm run build` first');
const have = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
if (!existsSync('/usr/bin/time')) throw new Error('/usr/bin/time (GNU time) is needed for peak RSS');

// lnav reads formats from $HOME/.lnav; a throwaway HOME keeps the user's own formats and history out of it.
const lnavHome = join(dir, 'home');
mkdirSync(lnavHome);
const format = {
  $schema: 'https://lnav.org/schemas/format-v1.schema.json',
  incident_bench_json: {
    title: 'incident bench JSON lines',
    description: 'The fields replay --summary reads: ts, level, service, pod, msg, status, latency_ms, trace_id',
    json: true,
    'file-pattern': '\\.jsonl$',
    'timestamp-field': 'ts',
    'level-field': 'level',
    'body-field': 'msg',
    'opid-field': 'trace_id',
    value: {
      service: { kind: 'string', identifier: true },
      pod: { kind: 'string', identifier: true },
      status: { kind: 'integer' },
      latency_ms: { kind: 'float' },
      trace_id: { kind: 'string', identifier: true },
    },
  },
};
const formatFile = join(dir, 'incident_bench_json.json');
writeFileSync(formatFile, JSON.stringify(format, null, 2));
const lnav = have('lnav');
if (lnav) execFileSync('lnav', ['-i', formatFile], { env: { ...process.env, HOME: lnavHome }, stdio: 'ignore' });

const anchor = join(dir, 'anchor.mjs');
writeFileSync(anchor, `import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
const levels = {}, services = {};
for await (const line of createInterface({ input: createReadStream(process.argv[2]), crlfDelay: Infinity })) {
  let o;
  try { o = JSON.parse(line); } catch { continue; }
  levels[o.level] = (levels[o.level] ?? 0) + 1;
  services[o.service] = (services[o.service] ?? 0) + 1;
}
console.log(JSON.stringify({ levels, services }));
`);

// A line without a level takes it from its status as ours does (5xx error, 4xx warn, else info; no status: unknown).
const jqLevel = '($l.level // (if $l.status == null then "unknown" elif $l.status >= 500 then "error" elif $l.status >= 400 then "warn" else "info" end))';
const jqProgram = `reduce inputs as $l ({}; .level[${jqLevel}] += 1 | .service[$l.service // "(none)"] += 1)`;
const commands = [
  { name: 'incident replay FILE --summary --json', argv: [process.execPath, bin, 'replay', file, '--summary', '--json'] },
  lnav && { name: "lnav -n -c ';SELECT log_level, count(*) FROM incident_bench_json GROUP BY log_level' FILE", argv: ['lnav', '-n', '-c', ';SELECT log_level, count(*) FROM incident_bench_json GROUP BY log_level', file], env: { HOME: lnavHome } },
  have('jq') && { name: `jq -n '${jqProgram}' FILE`, argv: ['jq', '-n', jqProgram, file] },
  { name: 'anchor: node readline + JSON.parse, counting levels and services', argv: [process.execPath, anchor, file] },
].filter(Boolean);

function timed(cmd) {
  const out = join(dir, 'time.txt');
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', '-o', out, ...cmd.argv], { env: { ...process.env, ...cmd.env }, maxBuffer: 256 << 20 });
  const [wall, rssKb] = execFileSync('tail', ['-n', '1', out], { encoding: 'utf8' }).trim().split(/\s+/).map(Number);
  const failed = r.status !== 0 ? `exit ${r.status ?? r.signal}: ${String(r.stderr).trim().split('\n').find((l) => l.trim()) ?? ''}` : null;
  return { wall, rss: rssKb / 1024, stdout: r.stdout.toString(), failed };
}

const results = commands.map(() => []);
const outputs = [];
for (let round = 0; round < runs; round++) {
  commands.forEach((cmd, i) => {
    const r = timed(cmd);
    results[i].push(r);
    if (round === 0) outputs[i] = r.stdout;
    process.stderr.write(`round ${round + 1}: ${cmd.name.split(' ')[0]} ${r.wall.toFixed(2)} s, ${r.rss.toFixed(0)} MB${r.failed ? ` FAILED ${r.failed}` : ''}\n`);
  });
}

// Same counts, or the timing means nothing: ours against jq's.
if (results[0].some((r) => r.failed)) throw new Error(`replay --summary failed: ${results[0].find((r) => r.failed).failed}`);
const ours = JSON.parse(outputs[0]);
const jqi = commands.findIndex((c) => c.argv[0] === 'jq');
if (jqi >= 0 && !results[jqi].some((r) => r.failed)) {
  const theirs = JSON.parse(outputs[jqi]);
  const levels = Object.fromEntries(Object.entries(ours.by_level).filter(([, n]) => n > 0));
  const sorted = (o) => JSON.stringify(Object.entries(o).sort());
  const agree = sorted(levels) === sorted(theirs.level) && sorted(ours.by_service) === sorted(theirs.service);
  console.log(`counts by level and by service, ours vs jq: ${agree ? 'equal' : `DIFFERENT\nours ${sorted(levels)} ${sorted(ours.by_service)}\njq   ${sorted(theirs.level)} ${sorted(theirs.service)}`}`);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const anchorWall = median(results.at(-1).map((r) => r.wall));
const size = statSync(file).size;
console.log(`\nfile: ${file}, ${(size / 1e6).toFixed(0)} MB, ${ours.lines.toLocaleString('en')} lines; ${runs} rounds; ${cpus().length} x ${cpus()[0]?.model.trim()}; Node ${process.version}\n`);
console.log('| command | median wall | runs | median max RSS | wall / anchor |');
console.log('| --- | --- | --- | --- | --- |');
commands.forEach((cmd, i) => {
  const w = median(results[i].map((r) => r.wall));
  const m = median(results[i].map((r) => r.rss));
  const failed = results[i].find((r) => r.failed)?.failed;
  const note = failed ? ` (failed, ${failed})` : '';
  console.log(`| \`${cmd.name}\`${note} | ${w.toFixed(2)} s | ${results[i].map((r) => r.wall.toFixed(2)).join(', ')} | ${m.toFixed(0)} MB | ${(w / anchorWall).toFixed(2)} |`);
});
rmSync(dir, { recursive: true, force: true });
