// A local server answering Loki's query API with its documented shapes (no Loki runs on these machines), for the
// queries the console sends: log queries (`{selector}`, `|= "text"`, `| json`, `| field=~"re"`) with limit and
// direction, and the metric queries of the summary: `sum by (...) (count_over_time(... [Ns]))`,
// `quantile_over_time(q, ... | unwrap f [Ns]) by (...)`, over query_range (matrix) and query (vector). Timestamps
// are nanosecond strings in, float seconds out, as Loki gives them; quantiles interpolate as Prometheus's do.
import { createServer, type Server } from 'node:http';

/** One stream: its labels and entries ([ns, line], oldest first). */
export interface FakeStream {
  labels: Record<string, string>;
  entries: Array<[string, string]>;
}

/** The fake, its streams (push while it runs) and the queries it answered. */
export interface LokiFake {
  url: string;
  streams: FakeStream[];
  queries: string[];
  /** The path of every request, in order. */
  paths: string[];
  close(): Promise<void>;
}

interface Entry {
  ns: bigint;
  line: string;
  labels: Record<string, string>;
}

function selectorMatch(sel: string): (l: Record<string, string>) => boolean {
  const matchers = [...sel.matchAll(/(\w+)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)"/g)].map(([, k, op, v]) => ({ k, op, v: v.replace(/\\(.)/g, '$1') }));
  return (l) => matchers.every(({ k, op, v }) => {
    const x = l[k] ?? '';
    if (op === '=') return x === v;
    if (op === '!=') return x !== v;
    const re = new RegExp(`^(?:${v})$`);
    return op === '=~' ? re.test(x) : !re.test(x);
  });
}

/** Entries through a log pipeline: `{sel} | json | f=~"re" |= "text"`. */
function run(pipeline: string, all: FakeStream[]): Entry[] {
  const close = pipeline.indexOf('}');
  const match = selectorMatch(pipeline.slice(0, close + 1));
  const stages = [...pipeline.slice(close + 1).matchAll(/\|=\s*"((?:[^"\\]|\\.)*)"|\|\s*json\b|\|\s*(\w+)\s*=~\s*"((?:[^"\\]|\\.)*)"|\|\s*unwrap\s+(\w+)/g)];
  const out: Entry[] = [];
  for (const s of all) {
    if (!match(s.labels)) continue;
    for (const [ns, line] of s.entries) {
      let labels = { ...s.labels };
      let keep = true;
      for (const st of stages) {
        if (st[1] !== undefined) keep = line.includes(st[1].replace(/\\(.)/g, '$1'));
        else if (st[0].includes('json')) {
          try {
            for (const [k, v] of Object.entries(JSON.parse(line) as Record<string, unknown>)) if (v !== null && typeof v !== 'object') labels = { ...labels, [k]: String(v) };
          } catch {
            labels = { ...labels, __error__: 'JSONParserErr' };
          }
        } else if (st[2] !== undefined) keep = new RegExp(`^(?:${st[3].replace(/\\\\/g, '\\')})$`).test(labels[st[2]] ?? '');
        else if (st[4] !== undefined) keep = labels[st[4]] !== undefined && Number.isFinite(Number(labels[st[4]]));
        if (!keep) break;
      }
      if (keep) out.push({ ns: BigInt(ns), line, labels });
    }
  }
  return out;
}

function quantile(q: number, values: number[]): number {
  const v = [...values].sort((a, b) => a - b);
  const rank = q * (v.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return v[lo] + (v[hi] - v[lo]) * (rank - lo);
}

type Metric = (at: bigint) => Array<{ metric: Record<string, string>; value: number }>;

/** A metric query of the shapes above, as a function of the evaluation time. */
function metricQuery(query: string, streams: FakeStream[]): Metric {
  const count = /^sum by \(([^)]*)\) \(count_over_time\((.*) \[(\d+)s\]\)\)$/.exec(query);
  const quant = /^quantile_over_time\(([\d.]+), (.*) \| unwrap (\w+) \[(\d+)s\]\) by \(([^)]*)\)$/.exec(query);
  if (!count && !quant) throw new Error(`the fake does not know ${query}`);
  const by = (count ? count[1] : (quant as RegExpExecArray)[5]).split(',').map((s) => s.trim());
  const entries = run(count ? count[2] : (quant as RegExpExecArray)[2], streams);
  const width = BigInt(count ? count[3] : (quant as RegExpExecArray)[4]) * 1_000_000_000n;
  return (at) => {
    const groups = new Map<string, { metric: Record<string, string>; values: number[] }>();
    for (const e of entries) {
      if (!(e.ns > at - width && e.ns <= at)) continue;
      // An entry without the unwrapped label gives no sample.
      if (quant && !Number.isFinite(Number(e.labels[quant[3]] ?? Number.NaN))) continue;
      const metric = Object.fromEntries(by.filter((k) => e.labels[k] !== undefined && e.labels[k] !== '').map((k) => [k, e.labels[k]]));
      const key = JSON.stringify(metric);
      const g = groups.get(key) ?? { metric, values: [] };
      g.values.push(quant ? Number(e.labels[quant[3]]) : 1);
      groups.set(key, g);
    }
    return [...groups.values()].map((g) => ({ metric: g.metric, value: quant ? quantile(Number(quant[1]), g.values) : g.values.length }));
  };
}

/** Starts the fake. */
export async function startLokiFake(): Promise<LokiFake> {
  const streams: FakeStream[] = [];
  const queries: string[] = [];
  const paths: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const p = url.searchParams;
    const query = p.get('query') ?? '';
    queries.push(query);
    paths.push(url.pathname);
    const ok = (data: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'success', data }));
    try {
      if (url.pathname === '/loki/api/v1/query_range' && query.startsWith('{')) {
        const [start, end] = [BigInt(p.get('start') ?? '0'), BigInt(p.get('end') ?? `${BigInt(Date.now()) * 1_000_000n}`)];
        const found = run(query, streams).filter((e) => e.ns >= start && e.ns <= end).sort((a, b) => (a.ns < b.ns ? -1 : a.ns > b.ns ? 1 : 0));
        const limit = Number(p.get('limit') ?? 100);
        const picked = p.get('direction') === 'forward' ? found.slice(0, limit) : found.slice(-limit).reverse();
        return ok({ resultType: 'streams', result: picked.map((e) => ({ stream: e.labels, values: [[String(e.ns), e.line]] })) });
      }
      const m = metricQuery(query, streams);
      if (url.pathname === '/loki/api/v1/query_range') {
        const [start, end] = [BigInt(p.get('start') as string), BigInt(p.get('end') as string)];
        const step = BigInt(Number(/^(\d+)s$/.exec(p.get('step') ?? '60s')?.[1] ?? 60)) * 1_000_000_000n;
        const series = new Map<string, { metric: Record<string, string>; values: Array<[number, string]> }>();
        for (let t = start; t <= end; t += step) {
          for (const s of m(t)) {
            const key = JSON.stringify(s.metric);
            const one = series.get(key) ?? { metric: s.metric, values: [] };
            one.values.push([Number(t) / 1e9, String(s.value)]);
            series.set(key, one);
          }
        }
        return ok({ resultType: 'matrix', result: [...series.values()] });
      }
      if (url.pathname === '/loki/api/v1/query') {
        const t = BigInt(p.get('time') as string);
        return ok({ resultType: 'vector', result: m(t).map((s) => ({ metric: s.metric, value: [Number(t) / 1e9, String(s.value)] })) });
      }
      res.writeHead(404).end('404 page not found\n');
    } catch (err) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end(`parse error: ${(err as Error).message}\n`);
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, streams, queries, paths, close: () => new Promise((r) => server.close(() => r())) };
}
