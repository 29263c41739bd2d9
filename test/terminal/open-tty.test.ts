import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openTty } from '../../src/terminal/open-tty.js';

describe('openTty', () => {
  it('says why when the device cannot be opened', () => {
    const nxio = () => {
      throw Object.assign(new Error('ENXIO'), { code: 'ENXIO' });
    };
    expect(openTty({ open: nxio })).toEqual({ stream: null, reason: '/dev/tty: no controlling terminal' });
    expect(openTty({ path: '/nonexistent/tty' })).toEqual({ stream: null, reason: '/nonexistent/tty: no such device' });
  });

  it('refuses a file that is not a terminal', () => {
    const dir = mkdtempSync(join(tmpdir(), 'incident-tty-'));
    try {
      writeFileSync(join(dir, 'plain'), '');
      expect(openTty({ path: join(dir, 'plain') })).toEqual({ stream: null, reason: `${join(dir, 'plain')}: not a terminal` });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('opens the real terminal as a TTY stream, or explains why not', () => {
    const got = openTty();
    if (got.stream) {
      expect(got.stream.isTTY).toBe(true);
      got.stream.destroy();
    } else {
      expect(got.reason).toMatch(/^\/dev\/tty: /);
    }
  });
});
