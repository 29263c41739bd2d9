// `incident import grafana FILE.json [-o profile.yaml]`: its flags and help; the work is in app/import-grafana.
import type { Command } from 'commander';
import { runImportGrafana } from '../app/import-grafana.js';
import { FlagError } from '../config/errors.js';

/** Flags of `import grafana`. */
interface ImportGrafanaFlags {
  output?: string;
  url?: string;
  tokenFile?: string;
  serviceVar?: string;
}

/** Registers `import grafana` on the program. */
export function registerImport(program: Command, setExit: (code: number) => void): void {
  const cmd = program.command('import').description('turn another tool\'s dashboard into a profile');
  cmd
    .command('grafana')
    .description('turn a Grafana dashboard into a profile with custom panels; lists on stderr what it could not convert')
    .argument('[file]', 'dashboard JSON (Share > Export > Save to file)')
    .option('-o, --output <file>', 'write the profile here instead of stdout')
    .option('--url <url>', 'read the dashboard from Grafana: its link (https://grafana/d/UID/name) or /api/dashboards/uid/UID')
    .option('--token-file <file>', 'file holding a Grafana service account token (for --url)')
    .option('--service-var <name>', 'the dashboard variable that names the service (default: service, app, ... when present)')
    .addHelpText('after', [
      '', 'Examples:',
      '  incident import grafana payments.json -o ~/.config/incident/profiles/payments.yaml',
      '  incident import grafana --url https://grafana.example/d/abc123/payments --token-file ~/.grafana-token -o payments.yaml',
      '  incident import grafana ceph.json --service-var ceph_hosts',
    ].join('\n'))
    .action(async (file: string | undefined, flags: ImportGrafanaFlags) => {
      if (!file && !flags.url) throw new FlagError('import grafana', 'give a dashboard file or --url');
      if (file && flags.url) throw new FlagError('--url', 'give a file or --url, not both');
      if (flags.tokenFile && !flags.url) throw new FlagError('--token-file', 'only with --url');
      setExit(await runImportGrafana({ file, url: flags.url, tokenFile: flags.tokenFile, out: flags.output, serviceVar: flags.serviceVar }));
    });
}
