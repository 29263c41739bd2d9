// The replay player: plays on the replay clock, pauses, catches up as fast as possible, seeks back by rebuilding.
import { describe, expect, it } from 'vitest';
import type { SourceEvent } from '../../src/model/console-state/events.js';
import type { RecordedEvent } from '../../src/model/session/recording-format.js';
import { ReplayClock } from '../../src/runtime/replay-clock.js';
import { playUntil, ReplayPlayer } from '../../src/runtime/replay-recording.js';
import { FakeClock } from './fake-clock.js';

const T0 = 1_795_357_000_000;
const ev = (i: number): RecordedEvent => ({
  t: T0 + i * 1000,
  event: { type: 'status', source: 'prometheus', at: T0 + i * 1000, state: i % 2 ? 'down' : 'up', error: null },
});
const events = (n: number): AsyncIterable<RecordedEvent> => ({
  async *[Symbol.asyncIterator]() {
    for (let i = 1; i <= n; i++) yield ev(i);
  },
});
const settle = async () => {
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
};

function setup(n: number, speed: number, keepChars?: number) {
  const real = new FakeClock(0);
  const clock = new ReplayClock(T0, real);
  clock.setSpeed(speed);
  const targets: SourceEvent[][] = [[]];
  let opened = 0;
  const player = new ReplayPlayer({
    events: events(n), clock, startAt: T0, endAt: () => null, batch: 3, keepChars, reopen: () => { opened += 1; return events(n); },
    emit: (e) => targets[0].push(e),
    reset: () => {
      const fresh: SourceEvent[] = [];
      targets.unshift(fresh);
      return (e) => fresh.push(e);
    },
  });
  const done = player.run();
  return { real, clock, player, targets, done, opened: () => opened, seen: () => targets[0].map((e) => (e.at - T0) / 1000) };
}

describe('ReplayPlayer', () => {
  it('applies events as recording time reaches them, and not while paused', async () => {
    const { real, player, seen, done } = setup(5, 1);
    await settle();
    expect(seen()).toEqual([]);
    real.advance(2000);
    await settle();
    expect(seen()).toEqual([1, 2]);
    player.togglePause();
    real.advance(10_000);
    await settle();
    expect(seen()).toEqual([1, 2]);
    player.togglePause();
    player.setSpeed(10);
    real.advance(100);
    await settle();
    expect(seen()).toEqual([1, 2, 3]);
    await player.stop();
    await done;
  });

  it('as fast as possible plays everything and stops at the end, paused', async () => {
    const { clock, player, seen, done } = setup(10, Infinity);
    await settle();
    expect(seen()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(player.getStatus()).toMatchObject({ ended: true, paused: true, readDone: true });
    expect(clock.now()).toBe(T0 + 10_000);
    await player.stop();
    await done;
  });

  it('a seek back rebuilds from the start up to the target; a seek forward catches up without waiting', async () => {
    const { clock, player, targets, seen, done } = setup(10, 1);
    player.seek(T0 + 7500);
    await settle();
    expect(seen()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(targets).toHaveLength(1);
    player.seek(T0 + 3000);
    await settle();
    expect(targets).toHaveLength(2);
    expect(seen()).toEqual([1, 2, 3]);
    expect(clock.now()).toBe(T0 + 3000);
    player.seek(Infinity);
    await settle();
    expect(seen()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(player.getStatus().ended).toBe(true);
    player.seek(0);
    await settle();
    expect(seen()).toEqual([]);
    await player.stop();
    await done;
  });

  it('beyond its memory budget a seek back reads the recording again from the start', async () => {
    const { player, seen, done, opened } = setup(10, Infinity, 5 * 200);
    await settle();
    expect(seen()).toHaveLength(10);
    player.seek(T0 + 4000);
    await settle();
    expect(seen()).toEqual([1, 2, 3, 4]);
    expect(opened()).toBe(1);
    player.seek(Infinity);
    await settle();
    expect(seen()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    await player.stop();
    await done;
  });

  it('within its memory budget a seek back never reads the recording again', async () => {
    const { player, seen, done, opened } = setup(10, Infinity);
    await settle();
    player.seek(T0 + 2000);
    await settle();
    expect(seen()).toEqual([1, 2]);
    expect(opened()).toBe(0);
    await player.stop();
    await done;
  });

  it('playUntil applies only events up to the given time', async () => {
    const got: SourceEvent[] = [];
    expect(await playUntil(events(10), (e) => got.push(e), T0 + 4000)).toBe(T0 + 4000);
    expect(got).toHaveLength(4);
  });
});
