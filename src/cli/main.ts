// The `incident` program: parses the command line and hands over to one command. No React here.
import { Command, CommanderError, Option } from 'commander';
import { UserError } from '../config/errors.js';
import { redact } from '../model/session/redact.js';
import { safeText } from '../model/text/safe-text.js';
import { registerDemo } from './demo.js';
import { registerDoctor } from './doctor.js';
import { registerImport } from './import-command.js';
import { registerReplay } from './replay-command.js';
import { runReplaySummary } from '../app/replay-summary.js';
import { runSessions } from './sessions.js';
import { registerTrust } from './trust.js';
import { registerWatch } from './watch.js';
import { stateDir } from '../sources/files/session-file.js';

/** Prints a user error as one message (and a hint) on stderr; returns exit code 2. */
export function reportUserError(err: UserError, stderr: NodeJS.WritableStream = process.stderr): number {
  stderr.write(`incident: ${safeText(redact(err.message))}\n${err.hint ? `  hint: ${safeText(err.hint)}\n` : ''}`);
  return 2;
}

/** Builds the program; `setExit` receives each command's exit code. */
export function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command('incident')
    .description('terminal incident console: error rate, p99, pipeline health, deploys and logs in one screen')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerWatch(program, setExit);
  registerReplay(program, setExit, runReplaySummary);
  registerDoctor(program, setExit);
  registerDemo(program, setExit);
  registerTrust(program, setExit);
  registerImport(program, setExit);
  program
    .command('sessions')
    .description("time-to-first-graph history, newest first, with p50/p95")
    .option('--json', 'print JSON')
    .addOption(new Option('--limit <n>', 'rows to show').default('20').argParser((v) => Number.parseInt(v, 10)))
    .option('--state-dir <dir>', 'state directory (also INCIDENT_STATE_DIR)')
    .option('--service <name>', 'only the sessions of this service')
    .option('--prometheus <url>', "the team's TTFG per host and service, from the Prometheus that scrapes the Pushgateway")
    .option('--since <duration>', 'with --prometheus: how far back (default 7d)')
    .option('--profile <name>', "with --prometheus: use this profile's Prometheus TLS, proxy and credentials")
    .addHelpText('after', '\nExamples:\n  incident sessions\n  incident sessions --service payments --limit 5\n  incident sessions --json | jq .ttfg_p50_ms\n  incident sessions --prometheus http://prometheus:9090 --since 7d')
    .action(async (opts: { json?: boolean; limit: number; stateDir?: string; service?: string; prometheus?: string; since?: string; profile?: string }) => {
      if (opts.prometheus !== undefined) {
        const { runTeamSessions } = await import('./team-sessions.js');
        setExit(await runTeamSessions({ prometheus: opts.prometheus, since: opts.since, json: opts.json, profile: opts.profile, service: opts.service }));
        return;
      }
      setExit(runSessions(stateDir(opts.stateDir, process.env), !!opts.json, Number.isFinite(opts.limit) ? opts.limit : 20, process.stdout, opts.service));
    });
  return program;
}

/** Runs the program with argv; resolves with the process exit code. */
export async function main(argv: string[]): Promise<number> {
  let code = 0;
  const program = buildProgram((c) => {
    code = c;
  });
  try {
    await program.parseAsync(argv);
    return code;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    if (err instanceof UserError) return reportUserError(err);
    process.stderr.write(`incident: unexpected error: ${String((err as Error)?.stack ?? err).split('\n').map((l) => safeText(redact(l))).join('\n')}\n`);
    return 1;
  }
}
