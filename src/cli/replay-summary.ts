// `incident replay <file...> --summary [--json]`: the incident timeline without a screen, scanned in one pass.
import { loadProfile } from '../config/load-profile.js';
import { FlagError } from '../config/errors.js';
import { fieldCandidates } from '../model/summary-fields.js';
import { buildSummaryReport } from '../model/summary-report.js';
import { checkArchives } from '../sources/archive-reader.js';
import { scanArchives } from '../sources/archive-scan.js';
import type { ReplayFlags } from './replay-command.js';
import { summaryText } from './replay-summary-text.js';

/** The program file, which a scan thread runs again (the entry hands such a thread to the scanner). */
let workerScript: URL | null = null;

/** Lets the summary split large files over a second thread running `script` (the bundled program). */
export function useScanThreads(script: URL): void {
  workerScript = script;
}

function bound(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  const ms = /^\d{10}(\.\d+)?$/.test(v) ? Number(v) * 1000 : /^\d{4}-\d{2}-\d{2}/.test(v) ? Date.parse(v) : Number.NaN;
  if (!Number.isFinite(ms)) throw new FlagError(flag, `"${value}" is not a time`, 'use RFC 3339 (2026-11-22T14:30:00Z) or Unix seconds');
  return ms;
}

/** Prints the summary of `files`; resolves with the exit code (2 for bad files or flags, through UserError). */
export async function runReplaySummary(files: string[], flags: ReplayFlags, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  if (flags.once) throw new FlagError('--once', 'does not go with --summary');
  await checkArchives(files);
  const profile = await loadProfile({ name: flags.profile, cwd: process.cwd(), env: process.env });
  const pattern = profile.deploys.logPattern;
  const { acc, files: read } = await scanArchives(files, {
    fields: fieldCandidates(profile.logs.fields),
    deploy: pattern ? { source: pattern, flags: '' } : { source: 'deployed version (?<version>\\S+)', flags: '' },
    bounds: { from: bound('--from', flags.from), to: bound('--to', flags.to) },
    workerScript,
  });
  const report = buildSummaryReport(acc, read);
  out.write(flags.json ? `${JSON.stringify(report, null, 2)}\n` : `${summaryText(report).join('\n')}\n`);
  return 0;
}
