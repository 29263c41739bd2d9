// `incident replay <file...> --summary [--json]`: the incident timeline without a screen, scanned in one pass.
import { safeJson } from '../model/text/safe-json.js';
import { loadProfile } from '../config/load-profile.js';
import { FlagError } from '../config/errors.js';
import { fieldCandidates } from '../model/summary/summary-fields.js';
import { buildSummaryReport } from '../model/summary/summary-report.js';
import { compileScannerAhead } from '../model/summary/summary-json-wasm.js';
import { checkArchives } from '../sources/files/archive-reader.js';
import { prestartScanThread, scanArchives } from '../sources/files/archive-scan.js';
import { safeText } from '../model/text/safe-text.js';
import { summaryText } from '../ui/format/summary-lines.js';
import { summarySuspects } from '../model/suspects/summary-suspects.js';
import { suspectJson } from '../model/suspects/suspect.js';
import { DEFAULT_DEPLOY_LOG_PATTERN } from '../model/alerts-deploys/deploy-markers.js';

/** The flags the summary reads. */
export interface SummaryOptions {
  once?: boolean;
  json?: boolean;
  from?: string;
  to?: string;
  profile?: string;
  /** Summarise a ClickHouse table (profile logs.clickhouse) instead of files. */
  clickhouse?: string;
  /** Summarise a Quickwit index (profile logs.quickwit) instead of files. */
  quickwit?: string;
  /** Summarise the lines of Loki's selector (profile logs.loki) instead of files. */
  loki?: string;
}

/** Code a scan thread runs (the built archive-scan-worker script); null until the program entry provides it. */
let workerScript: string | null = null;

/** Lets the summary split large files over a second thread running `code` (archive-scan-worker.ts, built). */
export function useScanThreads(code: string): void {
  workerScript = code;
}

function bound(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  const ms = /^\d{10}(\.\d+)?$/.test(v) ? Number(v) * 1000 : /^\d{4}-\d{2}-\d{2}/.test(v) ? Date.parse(v) : Number.NaN;
  if (!Number.isFinite(ms)) throw new FlagError(flag, `"${value}" is not a time`, 'use RFC 3339 (2026-11-22T14:30:00Z) or Unix seconds');
  return ms;
}

/**
 * Prints the summary of `files`; resolves with the exit code: 0, or 1 when a file could not be read to its end (the
 * summary then covers what was read). Bad files or flags throw UserError (exit 2).
 */
export async function runReplaySummary(
  files: string[],
  flags: SummaryOptions,
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
): Promise<number> {
  if (flags.once) throw new FlagError('--once', 'does not go with --summary');
  const stores = (['clickhouse', 'quickwit', 'loki'] as const).filter((s) => flags[s] !== undefined);
  const store = stores[0] ?? null;
  if (store) {
    if (stores.length > 1) throw new FlagError(`--${stores[1]}`, `cannot be combined with --${stores[0]}`, 'summarise one store at a time');
    if (files.length > 0) throw new FlagError(`--${store}`, `summarises the ${store === 'clickhouse' ? 'table' : 'index'}, not files`, `drop the files, or drop --${store}`);
    const { runStoreSummary } = await import('./replay-summary-store.js');
    return runStoreSummary(store, flags[store] as string, flags, { from: bound('--from', flags.from), to: bound('--to', flags.to) }, out, err);
  }
  if (files.length === 0) throw new FlagError('<file...>', 'is required', 'e.g. incident replay app.log --summary');
  compileScannerAhead();
  // The second thread starts while the flags, files and profile are checked.
  const thread = await prestartScanThread(files, workerScript);
  let scanned;
  try {
    const bounds = { from: bound('--from', flags.from), to: bound('--to', flags.to) };
    await checkArchives(files);
    const profile = await loadProfile({ name: flags.profile, cwd: process.cwd(), env: process.env });
    const pattern = profile.deploys.logPattern;
    scanned = await scanArchives(files, {
      fields: fieldCandidates(profile.logs.fields),
      deploy: { source: pattern ?? DEFAULT_DEPLOY_LOG_PATTERN, flags: '' },
      bounds,
      workerScript,
    }, thread);
  } finally {
    thread?.close();
  }
  const { acc, files: read } = scanned;
  const report = buildSummaryReport(acc, read);
  // What the whole file points at, from the finished report (nothing is read again).
  const suspects = summarySuspects(report);
  out.write(flags.json
    ? `${safeJson({ ...report, suspects: suspects.map(suspectJson) }, 2)}\n`
    : `${summaryText(report, suspects).map((l) => safeText(l)).join('\n')}\n`);
  const cut = read.filter((f) => f.cut);
  for (const f of cut) err.write(`incident: ${safeText(f.path)}: ${f.cut} after ${f.lines} lines; the summary covers what was read\n`);
  for (const f of read) if (f.linesCut) err.write(`incident: ${safeText(f.path)}: ${f.linesCut} ${f.linesCut === 1 ? 'line' : 'lines'} longer than 1 MiB, read up to 1 MiB\n`);
  return cut.length ? 1 : 0;
}
