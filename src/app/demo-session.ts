// `incident demo`: starts the simulated incident on loopback and watches it with the real console, full screen or
// --once, removing the demo's files on every exit path.
import { FlagError } from '../config/errors.js';
import { loadProfile } from '../config/load-profile.js';
import type { Profile } from '../config/profile.js';
import { DEMO_SERVICES } from '../demo/scenario.js';
import type { DemoServer } from '../demo/server.js';
import { watchContext, type WatchContext } from './watch-context.js';
import { SIGNAL_CODES } from '../terminal/suspend.js';

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
  const profile = await demoProfile(server);
  if (profile.untrusted) throw new FlagError('--profile', `the demo profile is overridden by ${profile.untrusted.file}, which is not trusted`, `incident trust ${profile.untrusted.file}, or run the demo elsewhere`);
  return watchContext(profile, { service: flags.service }, flags, 'demo');
}

/** Runs the demo until the console ends; the server and its files are gone when this resolves with the exit code. */
export async function runDemo(flags: DemoFlags): Promise<number> {
  if (flags.json && !flags.once) throw new FlagError('--json', 'only works with --once');
  if (!(DEMO_SERVICES as readonly string[]).includes(flags.service)) {
    throw new FlagError('--service', `"${flags.service}" is not in the demo`, `the demo has ${DEMO_SERVICES.join(', ')}`);
  }
  let server: DemoServer | undefined;
  let signalled: number | undefined;
  const cleanUp = () => server?.files.close();
  // Until the full screen takes signals over (and for the whole of a short --once run) a signal removes the files and exits.
  const onSignal = (sig: NodeJS.Signals) => {
    signalled = SIGNAL_CODES[sig as keyof typeof SIGNAL_CODES] ?? 1;
    if (server) {
      cleanUp();
      process.exit(signalled);
    }
  };
  const release = () => {
    for (const sig of Object.keys(SIGNAL_CODES)) process.off(sig, onSignal).off(sig, cleanUp);
  };
  for (const sig of Object.keys(SIGNAL_CODES)) process.on(sig, onSignal);
  process.once('exit', cleanUp);
  try {
    const { startDemoServer } = await import('../demo/server.js');
    server = await startDemoServer();
    if (signalled !== undefined) {
      cleanUp();
      process.exit(signalled);
    }
    const ctx = await demoContext(flags, server);
    if (flags.once) {
      process.stderr.write(`incident demo: simulated data served on ${server.url}; nothing here comes from a real system\n`);
      const { runOnce } = await import('./watch-once.js');
      return await runOnce(ctx);
    }
    const { runScreen } = await import('./watch-screen.js');
    // The full screen ends itself on a signal; from here a signal only removes the files at once.
    release();
    for (const sig of Object.keys(SIGNAL_CODES)) process.on(sig, cleanUp);
    return await runScreen(ctx);
  } finally {
    release();
    process.off('exit', cleanUp);
    await server?.close();
  }
}

