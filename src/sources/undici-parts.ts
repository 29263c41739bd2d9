// The parts of undici the console uses, each from its own module. The package's index also builds fetch, the mock
// agents, caches, cookies, EventSource and every interceptor, which take longer to load than the parts themselves
// and are never used here; the index's `request` is rebuilt below from the dispatcher's own method.
import type { Agent, Dispatcher, ProxyAgent, WebSocket } from 'undici';

/** What loadUndiciParts() gives: the dispatchers and `request` (always called with a dispatcher). */
export interface UndiciParts {
  Agent: typeof Agent;
  ProxyAgent: typeof ProxyAgent;
  request: (url: string | URL, opts: Omit<Dispatcher.RequestOptions, 'origin' | 'path' | 'method'> & { dispatcher: Dispatcher; method?: Dispatcher.HttpMethod }) => Promise<Dispatcher.ResponseData>;
}

/** Loads the dispatchers and the request API (added to every dispatcher, as the package's index does). */
export async function loadUndiciParts(): Promise<UndiciParts> {
  const [agent, proxyAgent, dispatcher, api] = await Promise.all([
    import('undici/lib/dispatcher/agent.js'),
    import('undici/lib/dispatcher/proxy-agent.js'),
    import('undici/lib/dispatcher/dispatcher.js'),
    import('undici/lib/api/index.js'),
  ]);
  const Base = (dispatcher.default ?? dispatcher) as unknown as { prototype: object };
  Object.assign(Base.prototype, api.default ?? api);
  return {
    Agent: (agent.default ?? agent) as unknown as typeof Agent,
    ProxyAgent: (proxyAgent.default ?? proxyAgent) as unknown as typeof ProxyAgent,
    request: (url, opts) => {
      const u = typeof url === 'string' ? new URL(url) : url;
      return opts.dispatcher.request({ ...opts, origin: u.origin, path: `${u.pathname}${u.search}`, method: opts.method ?? 'GET' });
    },
  };
}

/** Loads the WebSocket client (the Loki tail), with the fetch machinery it stands on. */
export async function loadWebSocket(): Promise<typeof WebSocket> {
  const m = await import('undici/lib/web/websocket/websocket.js');
  return ((m.default ?? m) as { WebSocket: typeof WebSocket }).WebSocket;
}
