// The HTTP client (undici), loaded on first use, and the connection pools every request goes through.
import type { Agent, Dispatcher } from 'undici';

type Undici = typeof import('undici');
let undici: Undici | undefined;
let loading: Promise<Undici> | undefined;

/** The HTTP client, loaded on first use: commands that make no request (replay, sessions) do not pay its ~50 ms start-up. */
export async function loadUndici(): Promise<Undici> {
  if (undici) return undici;
  loading ??= import('undici').then(
    (m) => (undici = m),
    (err: unknown) => {
      loading = undefined;
      throw err;
    },
  );
  return loading;
}

/** The HTTP client once loadUndici() has resolved. */
export function loadedUndici(): Undici {
  if (!undici) throw new Error('the HTTP client is used before it was loaded');
  return undici;
}

let sharedAgent: Agent | undefined;

/** The keep-alive connection pool shared by every source (after loadUndici()). */
export function defaultDispatcher(): Agent {
  sharedAgent ??= new (loadedUndici().Agent)({ connect: { timeout: 5000 }, keepAliveTimeout: 30_000, pipelining: 1 });
  return sharedAgent;
}

const pools = new Map<string, Dispatcher>();

/** The pool kept under `key` (one per TLS settings and proxy pair), made by `make` the first time it is asked for. */
export function keptPool(key: string, make: () => Dispatcher): Dispatcher {
  let pool = pools.get(key);
  if (!pool) {
    pool = make();
    pools.set(key, pool);
  }
  return pool;
}

/** How many pools besides the shared one exist. */
export function keptPoolCount(): number {
  return pools.size;
}

/** Closes the shared pool and every kept one so the process can exit promptly. */
export async function closeDefaultDispatcher(): Promise<void> {
  const agent = sharedAgent;
  sharedAgent = undefined;
  const kept = [...pools.values()];
  pools.clear();
  await Promise.all([agent, ...kept].map((p) => p?.destroy().catch(() => undefined)));
}
