// Interactive replay of a large archive: the first pass (parse every line into the timeline) and seeks to random
// moments (the panels and the log pane rebuilt there), with a bare readline loop over the file as the anchor.
// Usage: node bench/replay-seek.mjs FILE [seeks]
import { createReadStream } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import * as esbuild from 'esbuild';
import { watPlugin } from '../scripts/wat.mjs';

const root = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const [file, seeksArg] = process.argv.slice(2);
const seeks = Number(seeksArg ?? 20);
const entry = `
export { loadArchive, archiveConsole } from '${root}/src/runtime/archive-replay.ts';
export { resolveProfile } from '${root}/src/config/resolve-profile.ts';
`;
const built = await esbuild.build({ stdin: { contents: entry, resolveDir: root, loader: 'ts' }, bundle: true, write: false, format: 'esm', platform: 'node', logLevel: 'warning', external: ['ink', 'react'], plugins: [watPlugin] });
const m = await import(`data:text/javascript;base64,${Buffer.from(built.outputFiles[0].text).toString('base64')}`);

let t = performance.now();
let n = 0;
for await (const _ of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) n++;
const anchor = performance.now() - t;

const profile = m.resolveProfile({}, 'bench', 'bench');
t = performance.now();
const archive = await m.loadArchive([file], profile);
const load = performance.now() - t;
const c = m.archiveConsole(archive, profile, '', () => 111);
const span = archive.timeline.span();
const times = [];
let seed = 1;
for (let i = 0; i < seeks; i++) {
  seed = (seed * 48271) % 2147483647;
  const at = span.start + (seed / 2147483647) * (span.end - span.start);
  const s = performance.now();
  await c.player.seek(at);
  times.push(performance.now() - s);
}
await c.player.stop();
times.sort((a, b) => a - b);
console.log(`machine: ${cpus().length} x ${cpus()[0].model}, node ${process.version}`);
console.log(`file: ${file}, ${n.toLocaleString('en')} lines`);
console.log(`anchor, readline loop over the file: ${Math.round(anchor)} ms`);
console.log(`first pass (parse every line into the timeline): ${Math.round(load)} ms, RSS ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB`);
console.log(`seek + redraw data (${seeks} random moments): median ${times[Math.floor(times.length / 2)].toFixed(1)} ms, max ${times.at(-1).toFixed(1)} ms`);
