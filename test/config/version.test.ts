// The version written into recordings is the package's version.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { INCIDENT_VERSION } from '../../src/config/version.js';

it('INCIDENT_VERSION matches package.json', () => {
  const pkg = JSON.parse(readFileSync(resolve(__dirname, '../../package.json'), 'utf8')) as { version: string };
  expect(INCIDENT_VERSION).toBe(pkg.version);
});
