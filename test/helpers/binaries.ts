// Finds server binaries for end-to-end tests; a missing one skips with a notice, or fails when INCIDENT_E2E=required.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Absolute path of an executable on PATH, or null. */
export function which(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const file = join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // keep looking
    }
  }
  return null;
}

/** True when end-to-end servers must be present (set by .ci/run). */
export const e2eRequired = process.env.INCIDENT_E2E === 'required';

/** The binary's path, or null after printing a skip notice; throws when INCIDENT_E2E=required. */
export function requireBinary(name: string, pkg: string): string | null {
  const path = which(name);
  if (path) return path;
  if (e2eRequired) throw new Error(`${name} is not installed (apt-get install ${pkg}) and INCIDENT_E2E=required`);
  console.warn(`[skip] ${name} not found: install the Debian package ${pkg} to run these tests`);
  return null;
}
