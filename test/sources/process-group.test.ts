import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { groupAlive, terminateGroup } from '../../src/sources/process-group.js';

describe('process groups', () => {
  it('terminates a detached group and then reports it gone', async () => {
    const child = spawn('sleep', ['300'], { detached: true, stdio: 'ignore' });
    const pgid = child.pid as number;
    await new Promise((r) => child.once('spawn', r));
    expect(await groupAlive(pgid)).toBe(true);
    expect(await terminateGroup(pgid, 1000)).toBe('terminated');
    expect(await groupAlive(pgid)).toBe(false);
    expect(await terminateGroup(pgid, 1000)).toBe('gone');
  });
});
