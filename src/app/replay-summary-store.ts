// `incident replay --summary (--clickhouse | --quickwit) URL --from T1 --to T2 [--json]`: the same report as the file
// summary, counted where the logs live (clickhouse-summary.ts, quickwit-summary.ts); the table or index and its
// columns come from the profile's logs.clickhouse or logs.quickwit.
import { loadProfile } from '../config/load-profile.js';
import { clickhouseLogs } from '../config/clickhouse-logs.js';
import { quickwitLogs } from '../config/quickwit-logs.js';
import { FlagError } from '../config/errors.js';
import { httpTarget } from '../config/resolve-profile.js';
import { buildSummaryReport } from '../model/summary/summary-report.js';
import { summarySuspects } from '../model/suspects/summary-suspects.js';
import { suspectJson } from '../model/suspects/suspect.js';
import { safeJson } from '../model/text/safe-json.js';
import { safeText } from '../model/text/safe-text.js';
import { clickhouseSummary } from '../sources/logs/clickhouse-summary.js';
import { quickwitSummary } from '../sources/logs/quickwit-summary.js';
import { lokiSummary } from '../sources/logs/loki-summary.js';
import { closeDefaultDispatcher } from '../sources/http-get.js';
import { summaryText } from '../ui/format/summary-lines.js';

/** The pattern the file summary uses when the profile names none. */
const DEFAULT_DEPLOY = 'deployed version (?<version>\\S+)';

/** The log stores a summary can be computed in. */
export type SummaryStore = 'clickhouse' | 'quickwit' | 'loki';

/** Prints the summary of [from, to) computed in `store`; resolves with the exit code (1 when the store failed). */
export async function runStoreSummary(
  store: SummaryStore,
  url: string,
  flags: { json?: boolean; profile?: string },
  bounds: { from?: number; to?: number },
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
): Promise<number> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new FlagError(`--${store}`, `"${url}" is not a URL`, `e.g. --${store} http://${store}:${{ clickhouse: 8123, quickwit: 7280, loki: 3100 }[store]}`);
  }
  if (store === 'loki' && (bounds.from === undefined || bounds.to === undefined)) {
    throw new FlagError('--loki', 'needs --from and --to', 'Loki answers for a range: e.g. --from 2026-11-22T02:10:00Z --to 2026-11-22T02:40:00Z');
  }
  const profile = await loadProfile({ name: flags.profile, cwd: process.cwd(), env: process.env });
  const prev = { clickhouse: profile.logs.clickhouse, quickwit: profile.logs.quickwit, loki: profile.logs.loki }[store];
  const given = httpTarget({ url: parsed.toString() }, `--${store}`, store, prev?.timeoutMs ?? 30_000);
  // The profile's table or index, fields, credentials and TLS settings stay; the URL is the flag's.
  const endpoint = {
    ...given, headers: { ...(prev?.headers ?? {}), ...given.headers }, secrets: [...(prev?.secrets ?? []), ...given.secrets],
    ...(prev?.transport ? { transport: prev.transport } : {}),
  };
  const deploy = new RegExp(profile.deploys.logPattern ?? DEFAULT_DEPLOY);
  const selector = profile.logs.loki?.selector ?? '{app="$service"}';
  const where = store === 'clickhouse' ? (profile.logs.clickhouse ?? clickhouseLogs({})).table : store === 'quickwit' ? (profile.logs.quickwit ?? quickwitLogs({})).index : selector;
  try {
    const { totals, bytes, queries } = store === 'clickhouse'
      ? await clickhouseSummary({ ...(profile.logs.clickhouse ?? clickhouseLogs({})), ...endpoint }, bounds, deploy)
      : store === 'quickwit'
        ? await quickwitSummary({ ...(profile.logs.quickwit ?? quickwitLogs({})), ...endpoint }, bounds, deploy)
        : await lokiSummary({ ...endpoint, selector }, bounds as { from: number; to: number }, deploy);
    const report = buildSummaryReport(totals, []);
    const suspects = summarySuspects(report);
    const doc = { ...report, suspects: suspects.map(suspectJson), store: { kind: store, [{ clickhouse: 'table', quickwit: 'index', loki: 'selector' }[store]]: where, queries, bytes_received: bytes } };
    out.write(flags.json ? `${safeJson(doc, 2)}\n` : `${summaryText(report, suspects).map((l) => safeText(l)).join('\n')}\n`);
    return 0;
  } catch (e) {
    err.write(`incident: ${store} ${safeText(where)}: ${safeText((e as Error).message)}\n`);
    return 1;
  } finally {
    await closeDefaultDispatcher();
  }
}
