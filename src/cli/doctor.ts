// `incident doctor`: its flags and help, and the report printed from the checks in app/doctor-checks.
import type { Command } from 'commander';
import { DOCTOR_SERVICE, runChecks } from '../app/doctor-checks.js';
import { loadProfile } from '../config/load-profile.js';
import { safeJson } from '../model/text/safe-json.js';
import { closeDefaultDispatcher } from '../sources/http-get.js';
import { doctorJson, doctorLines } from '../ui/format/doctor-lines.js';
import { colorEnabled } from '../terminal/color.js';
import { applyCommonFlags, durationFlag, type CommonFlags } from './flags.js';
import { applySourceFlags, withSourceFlags, type SourceFlags } from './source-flags.js';
import { withCommonFlags } from './watch.js';

/** Flags of the doctor command. */
export interface DoctorFlags extends CommonFlags, SourceFlags {
  service?: string;
  timeout: string;
  json?: boolean;
}

/** Registers `doctor` on the program. */
export function registerDoctor(program: Command, setExit: (code: number) => void): void {
  withSourceFlags(withCommonFlags(
    program
      .command('doctor')
      .description('validate the profile and reach every source, with latency; exit 1 when a check fails')
      .option('--service <name>', `service to test-run the queries with (default "${DOCTOR_SERVICE}")`)
      .option('--timeout <duration>', 'longest wait per check', '5s')
      .option('--json', 'print JSON'),
  )).addHelpText('after', ['', 'Examples:', '  incident doctor', '  incident doctor --service payments --prometheus http://prometheus:9090', '  incident doctor --json'].join('\n')).action(async (flags: DoctorFlags) => {
    const timeoutMs = durationFlag('--timeout', flags.timeout, 100);
    const loaded = await loadProfile({ name: flags.profile, cwd: process.cwd(), env: process.env });
    const profile = applySourceFlags(applyCommonFlags(loaded, flags), flags);
    const service = flags.service ?? DOCTOR_SERVICE;
    try {
      const checks = await runChecks(profile, service, timeoutMs, { cwd: process.cwd(), path: process.env.PATH ?? '' });
      const who = { name: profile.name, file: profile.file };
      const text = flags.json
        ? `${safeJson(doctorJson(checks, who))}\n`
        : `${doctorLines(checks, { color: colorEnabled(flags.color, process.env, !!process.stdout.isTTY), profile: who }).join('\n')}\n`;
      process.stdout.write(text);
      setExit(checks.every((c) => c.ok) ? 0 : 1);
    } finally {
      await closeDefaultDispatcher();
    }
  });
}
