// Writes an imported dashboard as profile YAML, with what was not converted as comments at the top.
import type { DashboardImport } from './import-dashboard.js';

/** A YAML scalar: JSON's double-quoted string is valid YAML and keeps every character as it is. */
const q = (s: string): string => JSON.stringify(s);

/** Comment text on one line (a newline in a title cannot end the comment). */
const c = (s: string): string => s.replace(/[\r\n]+/g, ' ');

/** Counts of skipped panels and queries by reason, most frequent first. */
export function skippedByReason(imp: Pick<DashboardImport, 'skipped'>): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const s of imp.skipped) counts.set(s.reason, (counts.get(s.reason) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

/** The profile document as YAML text; it extends the shipped default (Prometheus URL, labels, deploy markers). */
export function profileYaml(imp: DashboardImport, source: string): string {
  const out: string[] = [
    `# Imported from the Grafana dashboard ${q(c(imp.title))}${imp.uid ? ` (uid ${c(imp.uid)})` : ''}, ${c(source)}.`,
    `# ${imp.panels.length} panel queries converted from ${imp.convertedPanels} dashboard panels; ${imp.skipped.length} not converted.`,
  ];
  if (imp.service) out.push(`# $${c(imp.service.variable)} is $service${imp.service.label ? `; the service picker lists its label ${q(c(imp.service.label))}` : ''}.`);
  if (imp.widened.length > 0) {
    out.push(`# ${imp.widened.map((v) => `$${c(v)}`).join(', ')} had one value at a time in Grafana and match any value here;`, '# import with --service-var NAME to make one of them $service.');
  }
  if (imp.builtins.errorRateTitle) out.push(`# ${q(c(imp.builtins.errorRateTitle))} became the built-in error-rate panel.`);
  if (imp.builtins.p99Title) out.push(`# ${q(c(imp.builtins.p99Title))} became the built-in p99 panel.`);
  if (imp.skipped.length > 0) {
    out.push('# Not converted:');
    for (const s of imp.skipped) out.push(`#   - ${c(s.group ? `${s.group} / ${s.title}` : s.title)}: ${c(s.reason)}`);
  }
  out.push(`name: ${q(imp.name)}`, `description: ${q(`Imported from Grafana: ${c(imp.title)}`)}`, 'extends: default');
  if (imp.service?.label) out.push('labels:', `  service: ${q(imp.service.label)}`);
  const queries: string[] = [];
  if (imp.service?.metric) queries.push(`  services: ${q(imp.service.metric.replace(/\$[A-Za-z_]\w*|\$\{[^}]*\}/g, '.*'))}`);
  if (imp.builtins.errorRate) queries.push(`  error_rate: ${q(imp.builtins.errorRate)}`);
  if (imp.builtins.p99) queries.push(`  p99: ${q(imp.builtins.p99)}`);
  if (queries.length) out.push('queries:', ...queries);
  if (imp.panels.length === 0) out.push('panels: []');
  else out.push('panels:');
  for (const p of imp.panels) {
    out.push(`  - title: ${q(p.title)}`, `    type: ${p.type}`, `    query: ${q(p.query)}`);
    if (p.unit) out.push(`    unit: ${q(p.unit)}`);
    const t = [p.thresholds.warn !== undefined ? `warn: ${p.thresholds.warn}` : '', p.thresholds.crit !== undefined ? `crit: ${p.thresholds.crit}` : ''].filter(Boolean);
    if (t.length) out.push(`    thresholds: { ${t.join(', ')} }`);
    if (p.legend) out.push(`    legend: ${q(p.legend)}`);
    out.push(`    priority: ${p.priority}`);
    if (p.group) out.push(`    group: ${q(p.group)}`);
  }
  return `${out.join('\n')}\n`;
}
