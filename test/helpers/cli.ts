// Runs the built CLI (dist/incident.mjs) as a child process, the way a user does.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll } from 'vitest';

/** Path of the built single-file program (INCIDENT_TEST_BIN points the tests at another build). */
export const BIN = resolve(process.env.INCIDENT_TEST_BIN ?? resolve(__dirname, '../../dist/incident.mjs'));

/** Path of a test profile fixture. */
export const fixtureProfile = (name: string) => resolve(__dirname, `../fixtures/profiles/${name}.yaml`);

/** The state directories this test file made; removed after its last test (this hook, added first, runs last). */
const stateDirs: string[] = [];
afterAll(() => {
  for (const dir of stateDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh state directory, removed after the test file. */
export const tempStateDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'incident-state-'));
  stateDirs.push(dir);
  return dir;
};

/** Result of one run. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI with args (in `cwd`, by default this process's); CI is removed from the environment unless given. */
export function runCli(args: string[], env: Record<string, string | undefined> = {}, input?: string, cwd?: string): Promise<CliResult> {
  const childEnv: Record<string, string | undefined> = { ...process.env, CI: undefined, ...env };
  for (const k of Object.keys(childEnv)) if (childEnv[k] === undefined) delete childEnv[k];
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: childEnv as NodeJS.ProcessEnv, stdio: ['pipe', 'pipe', 'pipe'], cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.on('close', (code) => done({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}
