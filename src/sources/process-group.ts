// Signals and waits for whole process groups, so a stopped command leaves nothing behind.
import { readdir, readFile } from 'node:fs/promises';
import type { Clock } from '../model/session/clock.js';
import { sleep, systemClock } from './system-clock.js';

const tracked = new Set<number>();
let exitHookInstalled = false;

/** Remembers a running group so it is killed even if this process exits without stopping it; returns the undo. */
export function trackGroup(pgid: number): () => void {
  tracked.add(pgid);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const g of tracked) signalGroup(g, 'SIGKILL');
    });
  }
  return () => tracked.delete(pgid);
}

/** Sends `signal` to every process in group `pgid`; false when the group no longer exists. */
export function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

/** Whether a process of group `pgid` is still running; on Linux, exited processes nobody has reaped yet do not count. */
export async function groupAlive(pgid: number): Promise<boolean> {
  if (!signalGroup(pgid, 0)) return false;
  if (process.platform !== 'linux') return true;
  const entries = await readdir('/proc').catch(() => null);
  if (entries === null) return true;
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // Fields after the command name: state, ppid, pgrp, ...
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) === pgid && fields[0] !== 'Z' && fields[0] !== 'X') return true;
  }
  return false;
}

/** How a group ended: it left after SIGTERM, needed SIGKILL, or was already gone. */
export type GroupEnd = 'gone' | 'terminated' | 'killed';

/** SIGTERM to the group, SIGKILL after `graceMs` (milliseconds) if anything is left; resolves when nothing runs. */
export async function terminateGroup(pgid: number, graceMs: number, clock: Clock = systemClock): Promise<GroupEnd> {
  if (!signalGroup(pgid, 'SIGTERM')) return 'gone';
  const deadline = clock.now() + graceMs;
  while (await groupAlive(pgid)) {
    if (clock.now() >= deadline) {
      signalGroup(pgid, 'SIGKILL');
      for (let i = 0; i < 200 && (await groupAlive(pgid)); i += 1) await sleep(clock, 10);
      return 'killed';
    }
    await sleep(clock, 10);
  }
  return 'terminated';
}
