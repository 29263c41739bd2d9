// Trust before commands: a config file found by searching upward from the working directory (a checkout someone
// else may have written) runs no command until the user has trusted that file, as it is now, with `incident trust`.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { UserError } from './errors.js';

/** Where trust is recorded: `<config home>/incident/trusted.json`. */
export const trustFile = (configHome: string): string => join(configHome, 'incident', 'trusted.json');

/** The recorded trust: absolute path -> SHA-256 of the file's bytes when it was trusted. */
interface TrustRecord {
  version: 1;
  files: Record<string, string>;
}

/** SHA-256 of a file's bytes, hex. */
export const fileHash = (file: string): string => process.getBuiltinModule('node:crypto').createHash('sha256').update(readFileSync(file)).digest('hex');

function readTrust(configHome: string): TrustRecord {
  try {
    const doc = JSON.parse(readFileSync(trustFile(configHome), 'utf8')) as Partial<TrustRecord>;
    return { version: 1, files: typeof doc.files === 'object' && doc.files ? doc.files : {} };
  } catch {
    return { version: 1, files: {} };
  }
}

/** True when the user's own places hold `file`: their home directory itself or their config directory. */
export function isUsersOwn(file: string, home: string, configHome: string): boolean {
  const abs = resolve(file);
  return dirname(abs) === resolve(home) || abs.startsWith(resolve(configHome) + sep);
}

/** True when `file` was trusted as it is now (a changed file must be trusted again). */
export function isTrusted(file: string, configHome: string): boolean {
  const abs = resolve(file);
  const hash = readTrust(configHome).files[abs];
  try {
    return hash !== undefined && hash === fileHash(abs);
  } catch {
    return false;
  }
}

/** Records `file` as trusted as it is now; returns its hash. Throws UserError when it cannot be read or recorded. */
export function trust(file: string, configHome: string): string {
  const abs = resolve(file);
  let hash: string;
  try {
    hash = fileHash(abs);
  } catch (err) {
    throw new UserError('INC_TRUST_READ', `trust: cannot read ${abs}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const record = readTrust(configHome);
  record.files[abs] = hash;
  const target = trustFile(configHome);
  try {
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(`${target}.tmp`, `${JSON.stringify(record, null, 2)}\n`, { mode: 0o600 });
    renameSync(`${target}.tmp`, target);
  } catch (err) {
    throw new UserError('INC_TRUST_WRITE', `trust: cannot write ${target}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  return hash;
}

/** A file that wants to run commands and is not trusted: which file, and what it would run. */
export interface UntrustedCommands {
  file: string;
  commands: string[];
}
