// `incident watch`: flags, profile, then the full screen or a single --once frame.
import { systemClock } from '../sources/system-clock.js';
import type { Command } from 'commander';
import { loadProfile } from '../config/load-profile.js';
import { FlagError } from '../config/errors.js';
import { applyCommonFlags, labelFlag, urlFlag, type CommonFlags } from './flags.js';
import { untrustedError } from './trust.js';
import { KEYMAP } from '../ui/keymap.js';
import { applySourceFlags, withSourceFlags, type SourceFlags } from './source-flags.js';
import { watchContext, type WatchContext } from '../app/watch-context.js';
import { historicalProfile, resolveHistorical } from '../config/historical-time.js';

/** Flags of the watch command. */
export interface WatchFlags extends CommonFlags, SourceFlags {
  service?: string;
  pod?: string;
  once?: boolean;
  json?: boolean;
  record?: string;
  pushTtfg?: string;
  /** A past moment or range (`--at`, `--from`, `--to`). */
  at?: string;
  from?: string;
  to?: string;
}

/** Adds the common flags to a command. */
export function withCommonFlags(cmd: Command): Command {
  return cmd
    .option('--profile <name>', 'profile name or file (default: "default")')
    .option('--prometheus <url>', 'Prometheus-compatible base URL (overrides the profile)')
    .option('--window <duration>', 'time window, e.g. 15m')
    .option('--refresh <duration>', 'refresh period, e.g. 5s')
    .option('--no-color', 'no colour (also NO_COLOR, TERM=dumb)')
    .option('--ascii', 'ASCII only: no Unicode borders, bars or charts')
    .option('--state-dir <dir>', 'state directory (also INCIDENT_STATE_DIR)');
}

/** Resolves flags and profile into a WatchContext; throws UserError on bad input. */
export async function resolveWatch(flags: WatchFlags, command: string): Promise<WatchContext> {
  if (!flags.service) throw new FlagError('--service', 'is required', 'e.g. incident watch --service payments');
  labelFlag('--service', flags.service);
  if (flags.pod !== undefined) labelFlag('--pod', flags.pod);
  if (flags.json && !flags.once) throw new FlagError('--json', 'only works with --once');
  if (flags.record !== undefined && flags.record.trim() === '') throw new FlagError('--record', 'is empty', 'e.g. --record incident.ndjson.gz');
  const loaded = await loadProfile({ name: flags.profile, cwd: process.cwd(), env: process.env });
  if (loaded.untrusted) throw untrustedError(loaded.untrusted);
  const current = applySourceFlags(applyCommonFlags(loaded, flags), flags);
  const historical = resolveHistorical(flags, systemClock.now(), current.windowMs);
  const profile = historical ? historicalProfile(current, historical) : current;
  if (flags.pushTtfg !== undefined) {
    profile.telemetry = { pushgateway: urlFlag('--push-ttfg', flags.pushTtfg), transport: profile.telemetry?.transport };
  }
  return watchContext(profile, { service: flags.service, pod: flags.pod, record: flags.record, historical }, flags, 'watch');
}

/** Registers `watch` on the program. */
export function registerWatch(program: Command, setExit: (code: number) => void): void {
  withSourceFlags(withCommonFlags(
    program
      .command('watch')
      .description('full-screen console: metrics, pipeline health and logs in parallel')
      .option('--service <name>', 'service to watch')
      .option('--pod <name>', 'scope to one pod')
      .option('--once', 'collect every panel once, print one frame, exit')
      .option('--json', 'with --once: print the snapshot JSON')
      .option('--record <file>', 'record every source event to FILE as NDJSON (gzip when it ends in .gz), for `incident replay`')
      .option('--at <time>', 'show a past moment: the window ending at TIME (RFC 3339, HH:MM today in UTC, now-2h)')
      .option('--from <time>', 'show a past range from TIME (with --to; same forms as --at)')
      .option('--to <time>', 'end of the past range (default: now)')
      .option('--push-ttfg <url>', "push this session's TTFG to the team's Pushgateway when it ends (overrides telemetry.pushgateway)"),
  )).addHelpText('after', [
    '',
    'Examples:',
    '  incident watch --service payments',
    "  incident watch --service payments --prometheus http://prometheus:9090 --logs-cmd 'kubectl logs -f -l app=$service --prefix'",
    '  incident watch --service payments --once --json | jq .panels.error_rate.current',
    '  incident watch --service payments --at 02:25                 # last night, as it was (r re-reads, [ ] pan, +/- zoom)',
    '  incident watch --service payments --from now-2h --to now-90m',
    '',
    'Keys:',
    ...KEYMAP.map((k) => `  ${k.key.padEnd(10)} ${k.help}`),
  ].join('\n')).action(async (flags: WatchFlags) => {
    const ctx = await resolveWatch(flags, 'watch');
    if (ctx.json || flags.once) {
      const { runOnce } = await import('../app/watch-once.js');
      setExit(await runOnce(ctx));
    } else {
      const { runScreen } = await import('../app/watch-screen.js');
      setExit(await runScreen(ctx));
    }
  });
}
