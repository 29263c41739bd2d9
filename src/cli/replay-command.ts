// `incident replay <file...>`: a session recording (watch --record) or archived logs, through the same screen.
import type { Command } from 'commander';
import { FlagError } from '../config/errors.js';
import { runArchiveReplay } from '../app/replay-archive.js';
import { isRecording, runRecordingReplay, type ReplayOptions } from '../app/replay-recording.js';
import { parseSpeed } from '../config/replay-time.js';
import { parseWhen } from '../config/historical-time.js';
import { loadProfile } from '../config/load-profile.js';
import { endAtOnce } from './end.js';
import { applyCommonFlags } from './flags.js';
import { systemClock } from '../sources/system-clock.js';
import { colorEnabled } from '../terminal/color.js';
import { chooseGlyphs } from '../ui/format/glyphs.js';

/** Every flag of replay, as commander hands them over. */
export interface ReplayFlags {
  summary?: boolean;
  from?: string;
  to?: string;
  once?: boolean;
  json?: boolean;
  at?: string;
  speed?: string;
  service?: string;
  profile?: string;
  color?: boolean;
  ascii?: boolean;
  clickhouse?: string;
  quickwit?: string;
  loki?: string;
  prometheus?: string;
  window?: string;
}

/** The replay options for the flags; throws FlagError on a bad combination or value. */
export function replayOptions(flags: ReplayFlags): ReplayOptions {
  if (flags.json && !flags.once) throw new FlagError('--json', 'only works with --once');
  return {
    profile: flags.profile,
    once: !!flags.once,
    json: !!flags.json,
    at: flags.at,
    speed: flags.speed !== undefined ? parseSpeed(flags.speed) : 1,
    glyphs: chooseGlyphs(!!flags.ascii, process.env),
    color: colorEnabled(flags.color, process.env, !!process.stdout.isTTY),
  };
}

/** `replay --from T1 [--to T2] --service S` with no file: the range played from Prometheus (and the profile's log stores). */
async function replayRange(flags: ReplayFlags): Promise<number> {
  if (!flags.service) throw new FlagError('--service', 'is required to replay a range from the backends', 'e.g. --service payments');
  if (flags.once || flags.json) throw new FlagError('--once', 'does not go with a range replay: use watch --from/--to --once');
  const now = systemClock.now();
  const fromMs = parseWhen('--from', flags.from as string, now);
  const toMs = flags.to === undefined ? now : parseWhen('--to', flags.to, now);
  if (toMs - fromMs < 60_000 || toMs > now) throw new FlagError('--to', 'the range must be at least a minute long, end after it starts and not in the future', 'e.g. --from 02:10 --to 02:40');
  const loaded = await loadProfile({ name: flags.profile, cwd: process.cwd(), env: process.env });
  const profile = applyCommonFlags(loaded, { prometheus: flags.prometheus, window: flags.window });
  if (!profile.prometheus) throw new FlagError('--prometheus', 'a range replay reads Prometheus: none is configured', 'e.g. --prometheus http://prometheus:9090');
  const opts = replayOptions(flags);
  const { runBackendReplay } = await import('../app/replay-backends.js');
  return runBackendReplay({ profile: { ...profile, refreshMs: 3_600_000 }, service: flags.service, fromMs, toMs, speed: opts.speed, glyphs: opts.glyphs, color: opts.color });
}

/** The non-interactive summary, when the program has one (it is registered by the summary command's module). */
export type SummaryRunner = (files: string[], flags: ReplayFlags) => Promise<number>;

/** Registers `replay`; `summary` runs `--summary`. */
export function registerReplay(program: Command, setExit: (code: number) => void, summary?: SummaryRunner): void {
  program
    .command('replay')
    .description('play archived logs (JSON lines, logfmt, plain; .gz; merged by time) or a session recording through the same screen')
    .argument('[file...]', 'log archives, or one recording made with watch --record')
    .option('--summary', 'print the incident timeline instead of playing (with --json: as a document)')
    .option('--once', 'print one frame at the end (or at --at) and exit')
    .option('--json', 'with --once or --summary: print JSON')
    .option('--at <time>', 'moment to show: RFC 3339, HH:MM:SS (UTC), or an offset from the start such as 5m')
    .option('--from <time>', 'with --summary: start of the time span to read; with no file: start of the range to replay from the backends (now-2h, 02:10, RFC 3339)')
    .option('--to <time>', 'with --summary: end of the time span to read; with no file: end of the range to replay (default: now)')
    .option('--clickhouse <url>', 'with --summary: summarise the ClickHouse log table (profile logs.clickhouse) instead of files')
    .option('--quickwit <url>', 'with --summary: summarise the Quickwit index (profile logs.quickwit) with its aggregations instead of files')
    .option('--loki <url>', 'with --summary, --from and --to: summarise the lines of the profile\'s Loki selector with LogQL metric queries')
    .option('--prometheus <url>', 'with --from/--to and no file: the Prometheus to replay the range from (overrides the profile)')
    .option('--window <duration>', 'with --from/--to and no file: the window shown, e.g. 15m')
    .option('--speed <factor>', 'starting speed: 1 to 1000 (e.g. 10x) or max')
    .option('--service <name>', 'archives: the service the panels show (default: every line)')
    .option('--profile <name>', 'profile for field names and thresholds (default: "default")')
    .option('--no-color', 'no colour (also NO_COLOR, TERM=dumb)')
    .option('--ascii', 'ASCII only: no Unicode borders, bars or charts')
    .addHelpText('after', ['', 'Examples:', '  incident replay app.log app.log.1.gz', '  incident replay app.log --summary', '  incident replay --summary --clickhouse http://clickhouse:8123 --from 2026-11-22T02:10:00Z --to 2026-11-22T02:40:00Z', '  incident replay session.ndjson.gz --at 5m --once --json'].join('\n'))
    .action(async (files: string[], flags: ReplayFlags) => {
      if (flags.summary) {
        if (!summary) throw new FlagError('--summary', 'is not available in this build');
        setExit(await summary(files, flags));
        // The summary is written, and its scan threads have answered.
        endAtOnce();
        return;
      }
      if (flags.clickhouse !== undefined) throw new FlagError('--clickhouse', 'only works with --summary');
      if (flags.quickwit !== undefined) throw new FlagError('--quickwit', 'only works with --summary');
      if (flags.loki !== undefined) throw new FlagError('--loki', 'only works with --summary');
      if (files.length === 0 && flags.from !== undefined) {
        setExit(await replayRange(flags));
        return;
      }
      if (files.length === 0) throw new FlagError('<file...>', 'is required', 'e.g. incident replay app.log, or incident replay --from now-2h --to now-1h --service payments');
      if (await isRecording(files[0])) {
        if (files.length > 1) throw new FlagError('<file...>', 'a recording is replayed on its own', 'give one recording file');
        setExit(await runRecordingReplay(files[0], replayOptions(flags)));
        return;
      }
      setExit(await runArchiveReplay(files, { ...replayOptions(flags), service: flags.service ?? '' }));
    });
}
