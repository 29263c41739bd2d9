// `incident import grafana`: a dashboard (file or Grafana URL) becomes a profile; what was not converted goes to stderr.
import { importDashboard } from '../config/grafana/import-dashboard.js';
import { profileYaml, skippedByReason } from '../config/grafana/profile-yaml.js';
import { safeText } from '../model/text/safe-text.js';
import { closeDefaultDispatcher } from '../sources/http-get.js';
import { fetchDashboard, readDashboardFile, writeProfileFile } from '../sources/grafana-dashboard.js';

/** What to import and where the profile goes. */
export interface ImportGrafanaOptions {
  file?: string;
  url?: string;
  tokenFile?: string;
  out?: string;
  serviceVar?: string;
}

/** Runs the import; resolves with the exit code (0, also when some panels were not converted). */
export async function runImportGrafana(o: ImportGrafanaOptions, stdout: NodeJS.WritableStream = process.stdout, stderr: NodeJS.WritableStream = process.stderr): Promise<number> {
  const where = o.url ?? (o.file as string);
  let json: unknown;
  try {
    json = o.url ? await fetchDashboard(o.url, o.tokenFile) : readDashboardFile(o.file as string);
  } finally {
    if (o.url) await closeDefaultDispatcher();
  }
  const imp = importDashboard(json, where, { serviceVar: o.serviceVar });
  const yaml = profileYaml(imp, o.url ? 'from Grafana' : (o.file as string).split('/').at(-1) ?? 'file');
  if (o.out) writeProfileFile(o.out, yaml);
  else stdout.write(yaml);
  const lines = [`incident: ${imp.panels.length} queries from ${imp.convertedPanels} panels converted, ${imp.skipped.length} not converted${o.out ? ` -> ${o.out}` : ''}`];
  for (const s of imp.skipped) lines.push(`  not converted: ${s.group ? `${s.group} / ` : ''}${s.title}: ${s.reason}`);
  if (imp.skipped.length > 1) lines.push(`  by reason: ${skippedByReason(imp).map(([r, n]) => `${n} ${r}`).join('; ')}`);
  stderr.write(`${lines.map((l) => safeText(l, 2000)).join('\n')}\n`);
  return 0;
}
