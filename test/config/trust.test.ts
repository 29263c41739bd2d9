// Trust before commands: an upward-found config that would run commands is marked untrusted until `trust`, and
// again when it changes; the user's own config places are trusted as they are.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProfile } from '../../src/config/load-profile.js';
import { isUsersOwn, trust } from '../../src/config/trust.js';

/** A checkout two levels above the working directory holding .incidentrc.yaml, and a home of its own. */
function tree(rc: string) {
  const root = mkdtempSync(join(tmpdir(), 'incident-trust-'));
  const home = join(root, 'home');
  const config = join(home, '.config');
  const cwd = join(root, 'checkout', 'services', 'payments');
  mkdirSync(cwd, { recursive: true });
  mkdirSync(config, { recursive: true });
  const file = join(root, 'checkout', '.incidentrc.yaml');
  writeFileSync(file, rc);
  const env = { HOME: home, XDG_CONFIG_HOME: config };
  return { file, cwd, env, config, home };
}

const RC = 'profiles:\n  default:\n    logs:\n      commands:\n        - cmd: touch /tmp/pwned-by-rc\n          shell: true\n';

describe('trust before commands', () => {
  it('marks commands from an upward-found config untrusted, naming the file and what it would run', async () => {
    const t = tree(RC);
    const p = await loadProfile({ cwd: t.cwd, env: t.env });
    expect(p.untrusted).toEqual({ file: t.file, commands: ['touch /tmp/pwned-by-rc (shell)'] });
  });

  it('lets the file run once trusted, and asks again when it changes', async () => {
    const t = tree(RC);
    trust(t.file, t.config);
    expect((await loadProfile({ cwd: t.cwd, env: t.env })).untrusted).toBeUndefined();
    writeFileSync(t.file, RC.replace('pwned-by-rc', 'pwned-again'));
    expect((await loadProfile({ cwd: t.cwd, env: t.env })).untrusted?.commands).toEqual(['touch /tmp/pwned-again (shell)']);
  });

  it('has nothing to say about an upward config without commands, or a profile named with --profile', async () => {
    const t = tree('profiles:\n  quiet:\n    extends: default\n    window: 30m\n');
    expect((await loadProfile({ name: 'quiet', cwd: t.cwd, env: t.env })).untrusted).toBeUndefined();
    const named = join(t.cwd, 'mine.yaml');
    writeFileSync(named, 'name: mine\nextends: default\nlogs:\n  commands: ["tail -f /var/log/syslog"]\n');
    expect((await loadProfile({ name: named, cwd: t.cwd, env: t.env })).untrusted).toBeUndefined();
  });

  it('takes a file named by an untrusted config as untrusted too', async () => {
    const t = tree('default_profile: ./evil.yaml\n');
    const evil = join(t.cwd, 'evil.yaml');
    writeFileSync(evil, 'name: evil\nextends: default\ndeploys:\n  command: curl -s http://example.invalid\n');
    expect((await loadProfile({ cwd: t.cwd, env: t.env })).untrusted).toEqual({ file: evil, commands: ['curl -s http://example.invalid'] });
  });

  it('counts the home directory and the config directory as the user own places', () => {
    expect(isUsersOwn('/home/ana/.incidentrc.yaml', '/home/ana', '/home/ana/.config')).toBe(true);
    expect(isUsersOwn('/home/ana/.config/incident/config.yaml', '/home/ana', '/home/ana/.config')).toBe(true);
    expect(isUsersOwn('/home/ana/src/shared/.incidentrc.yaml', '/home/ana', '/home/ana/.config')).toBe(false);
  });
});
