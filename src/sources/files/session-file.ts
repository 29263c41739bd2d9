// Reading and appending session records in <state-dir>/sessions.jsonl.
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { SessionRecord } from '../../model/session/session-record.js';

/** The state directory: --state-dir, INCIDENT_STATE_DIR, $XDG_STATE_HOME/incident, or ~/.local/state/incident. */
export function stateDir(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  if (flag) return flag;
  if (env.INCIDENT_STATE_DIR) return env.INCIDENT_STATE_DIR;
  const base = env.XDG_STATE_HOME || join(env.HOME || homedir(), '.local', 'state');
  return join(base, 'incident');
}

/** Appends one session line synchronously (safe inside a signal handler); returns an error message or null. */
export function appendSession(dir: string, record: SessionRecord): string | null {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    appendFileSync(join(dir, 'sessions.jsonl'), `${JSON.stringify(record)}\n`, { mode: 0o600 });
    return null;
  } catch (err) {
    return `cannot write ${join(dir, 'sessions.jsonl')}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`;
  }
}

/** Reads every session line; malformed lines are counted, not fatal. A missing file is an empty history. */
export function readSessions(dir: string): { records: SessionRecord[]; malformed: number; file: string } {
  const file = join(dir, 'sessions.jsonl');
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const records: SessionRecord[] = [];
  let malformed = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const r = JSON.parse(line) as SessionRecord;
      if (r && typeof r === 'object' && typeof r.id === 'string') records.push(r);
      else malformed++;
    } catch {
      malformed++;
    }
  }
  return { records, malformed, file };
}
