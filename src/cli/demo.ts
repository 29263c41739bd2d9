// `incident demo`: its flags and help; the simulated incident itself runs in app/demo-session.
import type { Command } from 'commander';
import { runDemo, type DemoFlags } from '../app/demo-session.js';

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
    .addHelpText('after', ['', 'Examples:', '  incident demo', '  incident demo --service checkout', '  incident demo --once --json'].join('\n'))
    .action(async (flags: DemoFlags) => {
      setExit(await runDemo(flags));
    });
}
