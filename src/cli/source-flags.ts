// Flags that add or override data sources: logs, Loki, direct scrape, Alertmanager, deploys.
import type { Command } from 'commander';
import { FlagError } from '../config/errors.js';
import type { Profile } from '../config/profile.js';
import { httpTarget } from '../config/resolve-profile.js';
import { clickhouseLogs } from '../config/clickhouse-logs.js';
import { quickwitLogs } from '../config/quickwit-logs.js';
import { urlFlag } from './flags.js';

/** Source flags as commander hands them over. */
export interface SourceFlags {
  logs?: string[];
  logsCmd?: string[];
  loki?: string;
  clickhouse?: string;
  quickwit?: string;
  scrape?: string[];
  pipeline?: string[];
  alertmanager?: string;
  deploysCmd?: string;
  deploysFile?: string;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Adds the source flags to a command. */
export function withSourceFlags(cmd: Command): Command {
  return cmd
    .option('--logs <path>', 'follow a log file or glob; "-" reads piped stdin (repeatable)', collect)
    .option('--logs-cmd <command>', 'follow the output of a command, run without a shell (repeatable)', collect)
    .option('--loki <url>', 'Loki base URL; the selector comes from the profile (logs.loki.selector)')
    .option('--quickwit <url>', 'Quickwit base URL; index, query and fields from the profile (logs.quickwit; default: index logs)')
    .option('--clickhouse <url>', 'ClickHouse HTTP URL; table and columns from the profile (logs.clickhouse; default: Vector\'s layout in table logs)')
    .option('--scrape <urls>', 'scrape these /metrics URLs directly, comma-separated (repeatable)', collect)
    .option('--pipeline <urls>', 'scrape pipeline self-metrics (Vector, OpenTelemetry Collector, Fluent Bit, Prometheus) from these URLs, comma-separated (repeatable)', collect)
    .option('--alertmanager <url>', 'Alertmanager base URL')
    .option('--deploys-cmd <command>', 'command printing deploy events (kubectl rollout history -o json, or {"at","label"} lines)')
    .option('--deploys-file <path>', 'file of {"at","label"} JSON lines written by CI');
}

function nonEmpty(flag: string, value: string): string {
  if (value.trim() === '') throw new FlagError(flag, 'is empty');
  return value;
}

/** Returns the profile with the source flags applied: lists are added to, single endpoints replaced. */
export function applySourceFlags(profile: Profile, flags: SourceFlags): Profile {
  const out: Profile = { ...profile, logs: { ...profile.logs }, scrape: { ...profile.scrape }, pipeline: { ...profile.pipeline }, deploys: { ...profile.deploys } };
  const logs = (flags.logs ?? []).map((p) => nonEmpty('--logs', p));
  if (logs.filter((p) => p === '-').length > 1) throw new FlagError('--logs', '"-" (stdin) given more than once');
  if (logs.length) out.logs.files = [...profile.logs.files, ...logs];
  const cmds = (flags.logsCmd ?? []).map((c) => ({ cmd: nonEmpty('--logs-cmd', c), shell: false }));
  if (cmds.length) out.logs.commands = [...profile.logs.commands, ...cmds];
  if (flags.loki !== undefined) {
    const url = urlFlag('--loki', flags.loki);
    const prev = profile.logs.loki;
    const target = httpTarget({ url }, '--loki', 'loki', prev?.timeoutMs ?? 10_000);
    out.logs.loki = {
      ...target,
      headers: { ...(prev?.headers ?? {}), ...target.headers }, secrets: [...(prev?.secrets ?? []), ...target.secrets],
      selector: prev?.selector ?? '{app="$service"}', limit: prev?.limit ?? 500,
      ...(prev?.transport ? { transport: prev.transport } : {}),
    };
  }
  if (flags.clickhouse !== undefined) {
    const url = urlFlag('--clickhouse', flags.clickhouse);
    const prev = profile.logs.clickhouse;
    const target = httpTarget({ url }, '--clickhouse', 'clickhouse', prev?.timeoutMs ?? 10_000);
    out.logs.clickhouse = {
      ...(prev ?? clickhouseLogs({})), ...target,
      headers: { ...(prev?.headers ?? {}), ...target.headers }, secrets: [...(prev?.secrets ?? []), ...target.secrets],
      ...(prev?.transport ? { transport: prev.transport } : {}),
    };
  }
  if (flags.quickwit !== undefined) {
    const url = urlFlag('--quickwit', flags.quickwit);
    const prev = profile.logs.quickwit;
    const target = httpTarget({ url }, '--quickwit', 'quickwit', prev?.timeoutMs ?? 10_000);
    out.logs.quickwit = {
      ...(prev ?? quickwitLogs({})), ...target,
      headers: { ...(prev?.headers ?? {}), ...target.headers }, secrets: [...(prev?.secrets ?? []), ...target.secrets],
      ...(prev?.transport ? { transport: prev.transport } : {}),
    };
  }
  const scrape = (flags.scrape ?? []).flatMap((v) => v.split(',')).map((u) => u.trim()).filter(Boolean);
  if (flags.scrape && scrape.length === 0) throw new FlagError('--scrape', 'no URL given', 'e.g. --scrape http://payments:8080/metrics');
  if (scrape.length) out.scrape.targets = scrape.map((u) => urlFlag('--scrape', u));
  const pipeline = (flags.pipeline ?? []).flatMap((v) => v.split(',')).map((u) => u.trim()).filter(Boolean);
  if (flags.pipeline && pipeline.length === 0) throw new FlagError('--pipeline', 'no URL given', 'e.g. --pipeline http://vector:9598/metrics');
  if (pipeline.length) out.pipeline.targets = pipeline.map((u) => urlFlag('--pipeline', u));
  if (flags.alertmanager !== undefined) {
    const url = urlFlag('--alertmanager', flags.alertmanager);
    const prev = profile.alertmanager;
    const target = httpTarget({ url }, '--alertmanager', 'alertmanager', prev?.timeoutMs ?? 10_000);
    out.alertmanager = {
      ...target, headers: { ...(prev?.headers ?? {}), ...target.headers }, secrets: [...(prev?.secrets ?? []), ...target.secrets],
      ...(prev?.transport ? { transport: prev.transport } : {}),
    };
  }
  if (flags.deploysCmd !== undefined) out.deploys.command = nonEmpty('--deploys-cmd', flags.deploysCmd);
  if (flags.deploysFile !== undefined) out.deploys.file = nonEmpty('--deploys-file', flags.deploysFile);
  return out;
}
