// `incident trust FILE`: lets a config file found by searching upward run its commands, as it is now.
import type { Command } from 'commander';
import { UserError } from '../config/errors.js';
import { configHome } from '../config/load-profile.js';
import { trust, trustFile } from '../config/trust.js';
import { safeText } from '../model/text/safe-text.js';

/** The error for a profile whose commands come from an untrusted file: which file, what it would run, how to trust it. */
export function untrustedError(u: { file: string; commands: string[] }): UserError {
  const what = u.commands.map((c) => `"${c}"`).join(', ');
  return new UserError(
    'INC_UNTRUSTED',
    `${u.file} was found by searching upward from ${process.cwd()} and wants to run ${what}; it is not trusted, so nothing was run`,
    `read it, then run: incident trust ${u.file}`,
  );
}

/** Registers `trust` on the program. */
export function registerTrust(program: Command, setExit: (code: number) => void): void {
  program
    .command('trust')
    .description('allow a config file found by searching upward to run its commands (until the file changes)')
    .argument('<file>', 'the config file, e.g. .incidentrc.yaml')
    .addHelpText('after', '\nExamples:\n  incident trust .incidentrc.yaml\n  incident trust ../../.incidentrc.yaml')
    .action((file: string) => {
      const hash = trust(file, configHome(process.env));
      process.stdout.write(`trusted ${safeText(file)} (sha256 ${hash.slice(0, 12)}); recorded in ${safeText(trustFile(configHome(process.env)))}; a change to the file asks again\n`);
      setExit(0);
    });
}
