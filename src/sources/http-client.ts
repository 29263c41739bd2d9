// The HTTP client (undici), loaded on first use, and the connection pools every request goes through.
import type { Agent, Dispatcher } from 'undici';
import { loadUndiciParts, loadWebSocket, type UndiciParts } from './undici-parts.js';

/** The parts of the HTTP client the console uses; WebSocket only after loadUndici({ webSocket: true }). */
export type Undici = UndiciParts & { WebSocket: typeof import('undici').WebSocket };
let undici: UndiciParts | undefined;
let loading: Promise<UndiciParts> | undefined;
let webSocket: typeof import('undici').WebSocket | undefined;

/**
 * The HTTP client, loaded on first use: commands that make no request (replay, sessions) do not pay its start-up,
 * and only its dispatchers and `request` are loaded unless the WebSocket is asked for (the Loki tail).
 */
export async function loadUndici(opts: { webSocket?: boolean } = {}): Promise<Undici> {
  if (!undici) {
    loading ??= loadUndiciParts().then(
      (m) => (undici = m),
      (err: unknown) => {
        loading = undefined;
        throw err;
      },
    );
    await loading;
  }
  if (opts.webSocket) webSocket ??= await loadWebSocket();
  return loadedUndici();
}

/** The HTTP client once loadUndici() has resolved. */
export function loadedUndici(): Undici {
  const parts = undici;
  if (!parts) throw new Error('the HTTP client is used before it was loaded');
  return {
    ...parts,
    get WebSocket() {
      if (!webSocket) throw new Error('the WebSocket client is used before loadUndici({ webSocket: true })');
      return webSocket;
    },
  };
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
