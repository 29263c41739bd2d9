// The incident timeline of a large archive: `incident replay FILE --summary --json` against lnav (-n, with a JSON
// format definition for the same fields, counting lines by level in its SQL table), jq (counting levels and services
// in one streaming reduce) and the anchor, a plain Node readline + JSON.parse loop counting the same, all on the same
// file in the same run. Runs are interleaved (one of each per round) so that noise on a shared machine falls on all.
// Peak RSS and CPU time come from GNU time (/usr/bin/time -f), wall time from this process around it.
// lnav 0.11 (Debian 12) aborts on lines out of time order by under a second (its histogram's precondition, lnav issue
// #1175), so without FILE the generated 1,000,000 lines are in time order; a command that fails is reported, not timed.
// The `grep -c` anchor is the least any reader of the file does (one pass, no parsing).
// Usage: node bench/replay.mjs [FILE] [runs] [--bundle NAME=PATH ...] [--node NAME=PATH ...] [--no-lnav] [--no-jq]
//   --bundle (repeatable) times these builds instead of dist/incident.mjs (run `npm run build` first for that), e.g.
//   --bundle before=/tmp/before.mjs --bundle after=/tmp/after.mjs; every bundle's counts must agree with the first's.
//   --node (repeatable) also runs every bundle, and the readline anchor, under another Node binary in the same rounds
//   (e.g. --node 24=$(npx -y -p node@24 node -p process.execPath)); each is set against the anchor of its own Node.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const dir = mkdtempSync(join(tmpdir(), 'incident-bench-replay-'));
const argv = process.argv.slice(2);
const flag = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv.splice(i, 1).length > 0;
};
const bundles = [];
for (let i = argv.indexOf('--bundle'); i >= 0; i = argv.indexOf('--bundle')) {
  const [name, path] = argv.splice(i, 2)[1].split('=');
  bundles.push({ name, path: resolve(path) });
}
const nodes = [{ name: process.version, path: process.execPath }];
for (let i = argv.indexOf('--node'); i >= 0; i = argv.indexOf('--node')) {
  const [name, path] = argv.splice(i, 2)[1].split('=');
  nodes.push({ name, path: resolve(path) });
}
const skipLnav = flag('--no-lnav');
const skipJq = flag('--no-jq');
const runs = Number(argv[1] ?? 3);
let file = argv[0];
if (!file) {
  file = join(dir, 'big.jsonl');
  execFileSync(process.execPath, [join(root, 'scripts/gen-archive.mjs'), '--lines', '1000000', '--ordered', '--out', file], { stdio: 'inherit' });
}
if (bundles.length === 0) bundles.push({ name: 'incident', path: join(root, 'dist/incident.mjs') });
for (const b of bundles) if (!existsSync(b.path)) throw new Error(`${b.path} is missing${b.name === 'incident' ? ': run `npm run build` first' : ''}`);
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
const lnav = !skipLnav && have('lnav');
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
const onNode = (n) => (nodes.length > 1 ? `${n.name}: ` : '');
const commands = [
  ...nodes.flatMap((n) => bundles.map((b) => ({
    name: `${onNode(n)}${bundles.length > 1 ? `${b.name}: ` : ''}incident replay FILE --summary --json`, argv: [n.path, b.path, 'replay', file, '--summary', '--json'], summary: true, node: n.path,
  }))),
  lnav && { name: "lnav -n -c ';SELECT log_level, count(*) FROM incident_bench_json GROUP BY log_level' FILE", argv: ['lnav', '-n', '-c', ';SELECT log_level, count(*) FROM incident_bench_json GROUP BY log_level', file], env: { HOME: lnavHome } },
  !skipJq && have('jq') && { name: `jq -n '${jqProgram}' FILE`, argv: ['jq', '-n', jqProgram, file] },
  { name: 'anchor: grep -c . FILE', argv: ['grep', '-c', '.', file] },
  // The last command is the anchor of the bench's own Node (the ratios below use it unless a command names its own).
  ...nodes.slice(1).map((n) => ({ name: `${onNode(n)}anchor: node readline + JSON.parse`, argv: [n.path, anchor, file], anchorOf: n.path })),
  { name: `${onNode(nodes[0])}anchor: node readline + JSON.parse, counting levels and services`, argv: [process.execPath, anchor, file] },
].filter(Boolean);

function timed(cmd) {
  const out = join(dir, 'time.txt');
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M %U %S', '-o', out, ...cmd.argv], { env: { ...process.env, ...cmd.env }, maxBuffer: 256 << 20 });
  // Wall to the millisecond (GNU time gives hundredths); its own start is about a millisecond of it.
  const wall = (performance.now() - t0) / 1000;
  const [, rssKb, user, sys] = execFileSync('tail', ['-n', '1', out], { encoding: 'utf8' }).trim().split(/\s+/).map(Number);
  const failed = r.status !== 0 ? `exit ${r.status ?? r.signal}: ${String(r.stderr).trim().split('\n').find((l) => l.trim()) ?? ''}` : null;
  return { wall, rss: rssKb / 1024, cpu: user + sys, stdout: r.stdout.toString(), failed };
}

const results = commands.map(() => []);
const outputs = [];
for (let round = 0; round < runs; round++) {
  commands.forEach((cmd, i) => {
    const r = timed(cmd);
    results[i].push(r);
    if (round === 0) outputs[i] = r.stdout;
    process.stderr.write(`round ${round + 1}: ${cmd.name.slice(0, 40)} ${r.wall.toFixed(2)} s, ${r.rss.toFixed(0)} MB${r.failed ? ` FAILED ${r.failed}` : ''}\n`);
  });
}

// Same counts, or the timing means nothing: ours against jq's, and every bundle's document against the first's.
if (results[0].some((r) => r.failed)) throw new Error(`replay --summary failed: ${results[0].find((r) => r.failed).failed}`);
const ours = JSON.parse(outputs[0]);
const sameDocument = commands.every((c, i) => !c.summary || outputs[i] === outputs[0]);
if (bundles.length * nodes.length > 1) console.log(`documents of ${commands.filter((c) => c.summary).map((c) => c.name.split(': incident')[0]).join(', ')}: ${sameDocument ? 'identical' : 'DIFFERENT'}`);
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
/** The readline anchor's median under the Node a command ran on (the bench's own for the rest). */
const anchorFor = (cmd) => {
  const i = cmd.node && cmd.node !== process.execPath ? commands.findIndex((c) => c.anchorOf === cmd.node) : -1;
  return i >= 0 ? median(results[i].map((r) => r.wall)) : anchorWall;
};
const size = statSync(file).size;
console.log(`\nfile: ${file}, ${(size / 1e6).toFixed(0)} MB, ${ours.lines.toLocaleString('en')} lines; ${runs} rounds; ${cpus().length} x ${cpus()[0]?.model.trim()}; Node ${nodes.map((n) => n.name).join(' and ')}\n`);
const grepWall = median(results[commands.findIndex((c) => c.argv[0] === 'grep')].map((r) => r.wall));
console.log('| command | median wall | runs | median CPU (user + sys) | median max RSS | wall / readline anchor | wall / grep anchor |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
commands.forEach((cmd, i) => {
  const w = median(results[i].map((r) => r.wall));
  const m = median(results[i].map((r) => r.rss));
  const c = median(results[i].map((r) => r.cpu));
  const failed = results[i].find((r) => r.failed)?.failed;
  const note = failed ? ` (failed, ${failed})` : '';
  console.log(`| \`${cmd.name}\`${note} | ${w.toFixed(3)} s | ${results[i].map((r) => r.wall.toFixed(3)).join(', ')} | ${c.toFixed(2)} s | ${m.toFixed(0)} MB | ${(w / anchorFor(cmd)).toFixed(2)} | ${(w / grepWall).toFixed(1)} |`);
});
rmSync(dir, { recursive: true, force: true });
