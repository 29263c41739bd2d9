// What a server or a flag sends is data, through the built CLI: an exporter whose label values carry escape
// sequences and controls, and service names made to break out of a command line, with and without a shell.
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, runCli, tempStateDir } from '../helpers/cli.js';
import { CONTROLS, expositionLabel, HOSTILE as HOSTILE_POD } from '../helpers/hostile.js';
import { tmuxSession } from '../helpers/tmux.js';

/** An exporter in the text format: payments with a failing pod whose name is hostile. */
function exposition(): string {
  const pods: Array<[string, number, number]> = [['payments-ok', 1000, 0], [HOSTILE_POD, 500, 100]];
  const lines = ['# TYPE http_requests_total counter', '# TYPE http_request_duration_seconds histogram'];
  for (const [pod, ok, failed] of pods) {
    const p = expositionLabel(pod);
    lines.push(`http_requests_total{service="payments",pod="${p}",status="200"} ${ok + Math.floor(Date.now() / 100)}`);
    lines.push(`http_requests_total{service="payments",pod="${p}",status="500"} ${failed + Math.floor(Date.now() / 1000)}`);
    for (const [le, n] of [['0.1', 10], ['1', 20], ['+Inf', 20]] as const) {
      lines.push(`http_request_duration_seconds_bucket{service="payments",pod="${p}",le="${le}"} ${n * Math.floor(Date.now() / 100)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

describe('hostile input through the CLI', () => {
  let server: Server;
  let url = '';
  const stateDir = tempStateDir();
  const dir = mkdtempSync(join(tmpdir(), 'incident-hostile-'));

  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
      res.end(exposition());
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
  });

  it('watch --once prints hostile label values visibly and sends none of their controls', async () => {
    const r = await runCli(['watch', '--service', 'payments', '--prometheus', '', '--scrape', url, '--once', '--state-dir', stateDir, '--window', '5m']);
    expect(r.stdout).toContain('p99 latency');
    expect(r.stdout).toContain('x^[]0;PWNED^G');
    expect(r.stdout).not.toMatch(CONTROLS);
    expect(r.stderr).not.toMatch(CONTROLS);
    // JSON keeps the raw value, escaped by JSON itself.
    const j = await runCli(['watch', '--service', 'payments', '--prometheus', '', '--scrape', url, '--once', '--json', '--state-dir', stateDir, '--window', '5m']);
    expect(j.stdout).not.toMatch(CONTROLS);
    const doc = JSON.parse(j.stdout) as { panels: { p99: { bars: Array<{ label: string }> } } };
    expect(doc.panels.p99.bars.map((b) => b.label)).toContain(HOSTILE_POD);
  });

  it('in tmux, neither --once nor the full screen changes the pane title or the paste buffers', async () => {
    const tmux = tmuxSession('hostile');
    const title = () => tmux.t('display-message', '-p', '-t', tmux.name, '#{pane_title}').trim();
    const buffers = () => tmux.t('list-buffers', '-F', '#{buffer_name}').trim();
    try {
      // The control: the same bytes printed raw do change the title and fill a paste buffer in this tmux.
      tmux.start('sh', 100, 30);
      tmux.t('set-option', '-s', 'set-clipboard', 'on');
      for (const b of buffers().split('\n').filter(Boolean)) tmux.t('delete-buffer', '-b', b);
      tmux.t('send-keys', '-t', tmux.name, "printf '\\033]0;PWNED\\007\\033]52;c;cHduZWQ=\\007'", 'Enter');
      await tmux.until(() => title() === 'PWNED', 'the raw bytes to set the title');
      expect(buffers()).not.toBe('');
      const reset = () => {
        tmux.t('select-pane', '-t', tmux.name, '-T', 'clean');
        for (const b of buffers().split('\n').filter(Boolean)) tmux.t('delete-buffer', '-b', b);
      };
      reset();

      const args = `watch --service payments --prometheus '' --scrape ${url} --state-dir ${stateDir} --window 5m`;
      tmux.t('respawn-pane', '-k', '-t', tmux.name, `env -u CI ${process.execPath} ${BIN} ${args} --once; sleep 60`);
      await tmux.until((s) => s.includes('x^[]0;PWNED^G'), 'the --once frame');
      expect(title()).toBe('clean');
      expect(buffers()).toBe('');

      tmux.t('respawn-pane', '-k', '-t', tmux.name, `env -u CI ${process.execPath} ${BIN} ${args}`);
      const screen = await tmux.until((s) => s.includes('x^[]0;PWNED^G') && s.includes('q quit'), 'the full screen with the hostile pod');
      expect(screen).toContain('incident payments');
      expect(title()).toBe('clean');
      expect(buffers()).toBe('');
    } finally {
      tmux.kill();
    }
  });

  it('a --logs-cmd receives a hostile service name as one argument', async () => {
    const service = 'pay --kubeconfig=/tmp/evil';
    const r = await runCli(['watch', '--service', service, '--prometheus', '', '--logs-cmd', "printf '%s|\\n' app=$service second", '--once', '--json', '--state-dir', stateDir]);
    const doc = JSON.parse(r.stdout) as { panels: { logs: { lines: Array<{ message: string }> } } };
    expect(doc.panels.logs.lines.map((l) => l.message)).toEqual([`app=${service}|`, 'second|']);
  });

  it('with shell: true the shell runs no substitution from the service name', async () => {
    const marker = join(dir, 'pwned');
    const service = `pay$(touch ${marker})\`touch ${marker}\`'; touch ${marker}; echo '`;
    const profile = join(dir, 'shell.yaml');
    writeFileSync(profile, `name: shell\nextends: default\nlogs:\n  commands:\n    - cmd: "printf '%s|\\\\n' app=$service \\"quoted=$service\\" | cat"\n      shell: true\n`);
    const r = await runCli(['watch', '--service', service, '--profile', profile, '--prometheus', '', '--once', '--json', '--state-dir', stateDir]);
    const doc = JSON.parse(r.stdout) as { panels: { logs: { lines: Array<{ message: string }> } } };
    expect(doc.panels.logs.lines.map((l) => l.message)).toEqual([`app=${service}|`, `quoted=${service}|`]);
    expect(existsSync(marker)).toBe(false);
  });

  it('refuses a service name with a control character or a line break, naming the flag', async () => {
    const r = await runCli(['watch', '--service', 'pay\nments', '--prometheus', '', '--once']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--service');
    expect(r.stderr.trim().split('\n')).toHaveLength(2);
  });
});

describe('an upward-found config that runs commands', () => {
  it('runs nothing until `incident trust`, says which file wants to run what, and runs it once trusted', async () => {
    const root = mkdtempSync(join(tmpdir(), 'incident-upward-'));
    const home = join(root, 'home');
    const cwd = join(root, 'checkout', 'services', 'payments');
    const marker = join(root, 'ran');
    mkdirSync(cwd, { recursive: true });
    mkdirSync(home, { recursive: true });
    const rc = join(root, 'checkout', '.incidentrc.yaml');
    writeFileSync(rc, `profiles:\n  default:\n    logs:\n      commands:\n        - cmd: "touch ${marker}; echo ran; exec sleep 30"\n          shell: true\n`);
    const env = { HOME: home, XDG_CONFIG_HOME: join(home, '.config') };
    const inCwd = (args: string[]) => runCli(args, env, undefined, cwd);
    const refused = await inCwd(['watch', '--service', 'payments', '--prometheus', '', '--once', '--state-dir', join(root, 'state')]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${rc} was found by searching upward`);
    expect(refused.stderr).toContain(`wants to run "touch ${marker}; echo ran; exec sleep 30 (shell)"`);
    expect(refused.stderr).toContain(`incident trust ${rc}`);
    const doctor = await inCwd(['doctor', '--prometheus', '']);
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toMatch(/FAIL .* trust /);
    expect(existsSync(marker)).toBe(false);
    const trusted = await inCwd(['trust', rc]);
    expect(trusted.code).toBe(0);
    const ran = await inCwd(['watch', '--service', 'payments', '--prometheus', '', '--once', '--json', '--state-dir', join(root, 'state')]);
    expect(ran.code).toBe(0);
    expect(existsSync(marker)).toBe(true);
  });

  it('refuses a YAML alias bomb as a profile with exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'incident-bomb-'));
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 9; i++) lines.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`);
    const file = join(dir, 'bomb.yaml');
    writeFileSync(file, `name: bomb\n${lines.join('\n')}\n`);
    const r = await runCli(['watch', '--service', 'payments', '--profile', file, '--once']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}: expands to more than 100,000 values through YAML aliases`);
  });
});

describe('credentials echoed by a server', () => {
  it('a 401 that echoes the Authorization header leaves no piece of it in any output or file; URL userinfo is sent as basic auth', async () => {
    const password = 'pw-SEKRET-basic-9876';
    const basic = Buffer.from(`alice:${password}`).toString('base64');
    const seen: string[] = [];
    const echo = createServer((req, res) => {
      seen.push(req.headers.authorization ?? '');
      res.writeHead(401, { 'content-type': 'text/plain' });
      res.end(`unauthorized: you sent ${req.headers.authorization} ${req.headers.authorization} and that will not do`);
    });
    await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r));
    const port = (echo.address() as AddressInfo).port;
    const state = tempStateDir();
    const rec = join(mkdtempSync(join(tmpdir(), 'incident-rec-')), 'rec.ndjson');
    try {
      const url = `http://alice:${password}@127.0.0.1:${port}`;
      const once = await runCli(['watch', '--service', 'payments', '--prometheus', url, '--once', '--json', '--state-dir', state, '--record', rec]);
      const doctor = await runCli(['doctor', '--prometheus', url]);
      expect(seen.length).toBeGreaterThan(0);
      expect(new Set(seen)).toEqual(new Set([`Basic ${basic}`]));
      expect(once.code).toBe(1);
      expect(once.stdout).toContain('HTTP 401');
      const { readFileSync } = await import('node:fs');
      const everything = [once.stdout, once.stderr, doctor.stdout, doctor.stderr, readFileSync(join(state, 'sessions.jsonl'), 'utf8'), readFileSync(rec, 'utf8')].join('\n');
      for (const secret of [password, basic]) {
        for (let i = 0; i + 6 <= secret.length; i++) expect(everything).not.toContain(secret.slice(i, i + 6));
      }
    } finally {
      await new Promise((r) => echo.close(r));
    }
  });
});
