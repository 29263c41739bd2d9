// `incident demo`: starts the simulated incident on loopback and watches it with the real console.
import type { Command } from 'commander';
import { FlagError } from '../config/errors.js';
import { loadProfile } from '../config/load-profile.js';
import type { Profile } from '../config/profile.js';
import type { DemoServer } from '../demo/server.js';
import { stateDir } from '../sources/session-file.js';
import { chooseGlyphs } from '../ui/format/glyphs.js';
import { colorEnabled } from './flags.js';
import type { WatchContext } from './watch-context.js';

/** Flags of the demo command. */
export interface DemoFlags {
  service: string;
  once?: boolean;
  json?: boolean;
  ascii?: boolean;
  color?: boolean;
  stateDir?: string;
}

/** The shipped `demo` profile pointed at a running demo: Prometheus API, scrape and pipeline targets, log and deploys files. */
export async function demoProfile(server: Pick<DemoServer, 'url' | 'files'>, env: NodeJS.ProcessEnv = process.env): Promise<Profile> {
  return loadProfile({
    name: 'demo',
    cwd: process.cwd(),
    env: { ...env, INCIDENT_DEMO_URL: server.url, INCIDENT_DEMO_LOG: server.files.logFile, INCIDENT_DEMO_DEPLOYS: server.files.deploysFile },
  });
}

/** The WatchContext for a demo run, resolved the way `watch` resolves its own. */
export async function demoContext(flags: DemoFlags, server: Pick<DemoServer, 'url' | 'files'>): Promise<WatchContext> {
  return {
    profile: await demoProfile(server),
    service: flags.service,
    glyphs: chooseGlyphs(!!flags.ascii, process.env),
    color: colorEnabled(flags, process.env, !!process.stdout.isTTY),
    stateDir: stateDir(flags.stateDir, process.env),
    command: flags.once ? 'demo --once' : 'demo',
    json: !!flags.json,
  };
}

/** Runs the demo until the console ends; the server and its files are gone when this resolves with the exit code. */
export async function runDemo(flags: DemoFlags): Promise<number> {
  if (flags.json && !flags.once) throw new FlagError('--json', 'only works with --once');
  if (!flags.service.trim()) throw new FlagError('--service', 'is empty', 'e.g. incident demo --service payments');
  const { startDemoServer } = await import('../demo/server.js');
  const server = await startDemoServer();
  const cleanUp = () => server.files.close();
  process.once('exit', cleanUp);
  try {
    const ctx = await demoContext(flags, server);
    if (flags.once) {
      process.stderr.write(`incident demo: simulated data served on ${server.url}; nothing here comes from a real system\n`);
      const { runOnce } = await import('./watch-once.js');
      return await runOnce(ctx);
    }
    const { runScreen } = await import('./watch-screen.js');
    return await runScreen(ctx);
  } finally {
    process.off('exit', cleanUp);
    await server.close();
  }
}

/** Registers `demo` on the program. */
export function registerDemo(program: Command, setExit: (code: number) => void): void {
  program
    .command('demo')
    .description('a simulated incident served over HTTP on loopback, watched by the real console; needs no infrastructure')
    .option('--service <name>', 'service to watch: payments, checkout or search', 'payments')
    .option('--once', 'collect every panel once, print one frame, exit')
    .option('--json', 'with --once: print the snapshot JSON')
    .option('--no-color', 'no colour (also NO_COLOR, TERM=dumb)')
    .option('--ascii', 'ASCII only: no Unicode borders, bars or charts')
    .option('--state-dir <dir>', 'state directory (also INCIDENT_STATE_DIR)')
    .action(async (flags: DemoFlags) => {
      setExit(await runDemo(flags));
    });
}
