// `incident replay --summary --clickhouse URL --from T1 --to T2 [--json]`: the same report as the file summary,
// counted by ClickHouse (see clickhouse-summary.ts); the table and columns come from the profile's logs.clickhouse.
import { loadProfile } from '../config/load-profile.js';
import { clickhouseLogs } from '../config/clickhouse-logs.js';
import { FlagError } from '../config/errors.js';
import { httpTarget } from '../config/resolve-profile.js';
import { buildSummaryReport } from '../model/summary/summary-report.js';
import { summarySuspects } from '../model/suspects/summary-suspects.js';
import { suspectJson } from '../model/suspects/suspect.js';
import { safeJson } from '../model/text/safe-json.js';
import { safeText } from '../model/text/safe-text.js';
import { clickhouseSummary } from '../sources/logs/clickhouse-summary.js';
import { closeDefaultDispatcher } from '../sources/http-get.js';
import { summaryText } from '../ui/format/summary-lines.js';

/** The pattern the file summary uses when the profile names none. */
const DEFAULT_DEPLOY = 'deployed version (?<version>\\S+)';

/** Prints the ClickHouse summary of [from, to); resolves with the exit code (1 when ClickHouse failed). */
export async function runClickHouseSummary(
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
    throw new FlagError('--clickhouse', `"${url}" is not a URL`, 'e.g. --clickhouse http://clickhouse:8123');
  }
  const profile = await loadProfile({ name: flags.profile, cwd: process.cwd(), env: process.env });
  const prev = profile.logs.clickhouse;
  const given = httpTarget({ url: parsed.toString() }, '--clickhouse', 'clickhouse', prev?.timeoutMs ?? 30_000);
  // The profile's table, columns, credentials and TLS settings stay; the URL is the flag's.
  const target = {
    ...(prev ?? clickhouseLogs({})), ...given,
    headers: { ...(prev?.headers ?? {}), ...given.headers }, secrets: [...(prev?.secrets ?? []), ...given.secrets],
    ...(prev?.transport ? { transport: prev.transport } : {}),
  };
  const deploy = new RegExp(profile.deploys.logPattern ?? DEFAULT_DEPLOY);
  try {
    const { totals, bytes, queries } = await clickhouseSummary(target, bounds, deploy);
    const report = buildSummaryReport(totals, []);
    const suspects = summarySuspects(report);
    const doc = { ...report, suspects: suspects.map(suspectJson), store: { kind: 'clickhouse', table: target.table, queries, bytes_received: bytes } };
    out.write(flags.json ? `${safeJson(doc, 2)}\n` : `${summaryText(report, suspects).map((l) => safeText(l)).join('\n')}\n`);
    return 0;
  } catch (e) {
    err.write(`incident: clickhouse ${safeText(target.table)}: ${safeText((e as Error).message)}\n`);
    return 1;
  } finally {
    await closeDefaultDispatcher();
  }
}
