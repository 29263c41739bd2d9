// Per-refresh decode cost of the alerts and deploys inputs at their caps: 5,000 Alertmanager alerts, a 1 MiB
// {"at","label"} deploys file (about 14,000 lines), 300 ReplicaSets from kubectl, and a 5,000-alert panel draw.
// Anchor, measured in the same run: JSON.parse of the same text (the least any decoder must do).
// Usage: node bench/alerts-deploys-parse.mjs [rounds] [iterations per round]
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import * as esbuild from 'esbuild';

const root = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const rounds = Number(process.argv[2] ?? 5);
const iterations = Number(process.argv[3] ?? 20);

const built = await esbuild.build({
  stdin: {
    contents: [
      "export { decodeAlertmanagerAlerts } from './src/model/alerts-deploys/alert-decode.ts';",
      "export { parseDeployOutput } from './src/model/alerts-deploys/deploy-k8s.ts';",
      "export { alertsLines } from './src/ui/format/alerts-lines.ts';",
      "export { unicodeGlyphs } from './src/ui/format/glyphs.ts';",
    ].join('\n'),
    resolveDir: root, loader: 'ts',
  },
  bundle: true, write: false, format: 'esm', platform: 'node', logLevel: 'warning',
});
const m = await import(`data:text/javascript;base64,${Buffer.from(built.outputFiles[0].text).toString('base64')}`);

const NOW = Date.parse('2026-11-22T14:35:00Z');
const iso = (ms) => new Date(ms).toISOString();
const alertsBody = JSON.stringify(Array.from({ length: 5000 }, (_, i) => ({
  labels: { alertname: `Alert${i % 97}`, severity: ['critical', 'warning', 'info'][i % 3], service: `svc${i % 50}`, pod: `pod-${i}` },
  annotations: { summary: `something is wrong with pod-${i}` }, startsAt: iso(NOW - i * 1000), endsAt: iso(NOW + 240_000),
  updatedAt: iso(NOW), fingerprint: i.toString(16), receivers: [{ name: 'team' }], generatorURL: 'http://prometheus/graph',
  status: { state: i % 5 === 0 ? 'suppressed' : 'active', silencedBy: i % 5 === 0 ? ['s1'] : [], inhibitedBy: [] },
})));
const lines = [];
for (let i = 0, size = 0; size < 1024 * 1024; i++) {
  const l = JSON.stringify({ at: i % 2 ? iso(NOW - i * 1000) : Math.round((NOW - i * 1000) / 1000), label: `payments v1.${i}` });
  lines.push(l);
  size += l.length + 1;
}
const fileText = lines.join('\n');
const kubeText = Array.from({ length: 300 }, (_, i) => JSON.stringify({
  apiVersion: 'apps/v1', kind: 'ReplicaSet',
  metadata: { name: `payments-${(1e6 + i).toString(36)}`, creationTimestamp: iso(NOW - i * 60_000), annotations: { 'deployment.kubernetes.io/revision': String(i + 1) },
    ownerReferences: [{ kind: 'Deployment', name: 'payments' }] },
  spec: { template: { spec: { containers: [{ name: 'app', image: `registry/payments:1.${i}` }] } } },
}, null, 4)).join('\n');
const kubeAnchorText = `[${kubeText.replace(/\n}\n{/g, '\n},\n{')}]`;
const alerts = m.decodeAlertmanagerAlerts(JSON.parse(alertsBody), NOW).alerts;

const cases = [
  ['5,000 alerts decode', () => m.decodeAlertmanagerAlerts(JSON.parse(alertsBody), NOW), () => JSON.parse(alertsBody), alertsBody.length],
  ['1 MiB deploys file', () => m.parseDeployOutput(fileText, NOW, 'file'), () => { for (const l of lines) JSON.parse(l); }, fileText.length],
  ['300 ReplicaSets', () => m.parseDeployOutput(kubeText, NOW, 'kubectl'), () => JSON.parse(kubeAnchorText), kubeText.length],
  ['panel draw, 5,000 alerts', () => m.alertsLines({ alerts, deploys: [], now: NOW, rows: 10, glyphs: m.unicodeGlyphs }), () => [...alerts].sort((a, b) => a.since - b.since), 0],
];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const now = () => Number(process.hrtime.bigint()) / 1e6;
const time = (fn) => {
  const t = now();
  fn();
  return now() - t;
};

for (const [, work, anchor] of cases) for (let i = 0; i < 3; i++) work(), anchor();
console.log(`machine: ${cpus().length} cpus, ${cpus()[0]?.model ?? 'unknown'}, node ${process.version}`);
for (const [name, work, anchor, bytes] of cases) {
  const w = [];
  const a = [];
  for (let r = 0; r < rounds; r++) {
    const rw = [];
    const ra = [];
    for (let i = 0; i < iterations; i++) {
      rw.push(time(work));
      ra.push(time(anchor));
    }
    w.push(median(rw));
    a.push(median(ra));
  }
  const size = bytes ? ` (${(bytes / 1024).toFixed(0)} KiB)` : '';
  console.log(`${name}${size}: median ${median(w).toFixed(2)} ms | anchor ${median(a).toFixed(2)} ms | ratio ${(median(w) / median(a)).toFixed(2)}`);
}
