// A local server answering Quickwit's search API with its documented shapes (no Quickwit runs on these machines):
// POST /api/v1/<index>/search with query (`*`, `field:value`, `field:"phrase"`, `field:(a OR b)`, AND, brackets),
// start_timestamp/end_timestamp in seconds (end exclusive), max_hits, start_offset, sort_by (`-field` descending) and
// the aggregations the console asks for: terms, date_histogram (fixed_interval), min, max, percentiles, value_count.
// Percentiles here are exact (nearest rank); Quickwit's own are approximate.
import { createServer, type Server } from 'node:http';

type Doc = Record<string, unknown>;

/** The fake, its documents (push more while it runs) and the searches it answered. */
export interface QuickwitFake {
  url: string;
  docs: Doc[];
  searches: Array<Record<string, unknown>>;
  close(): Promise<void>;
}

const ms = (v: unknown): number => (typeof v === 'string' ? Date.parse(v) : Number(v));

function tokens(q: string): string[] {
  return q.match(/[^\s()"]*"(?:[^"\\]|\\.)*"|\(|\)|[^\s()]+/g) ?? [];
}

/** A predicate for a query in the subset above. */
function parse(q: string): (d: Doc) => boolean {
  const t = tokens(q);
  let i = 0;
  const unquote = (s: string) => (s.startsWith('"') ? s.slice(1, -1).replace(/\\(.)/g, '$1') : s);
  const value = (field: string): ((d: Doc) => boolean) => {
    if (t[i] === '(') {
      i++;
      const options: string[] = [];
      while (t[i] !== ')') {
        if (t[i] !== 'OR') options.push(unquote(t[i]));
        i++;
      }
      i++;
      return (d) => options.includes(String(d[field]));
    }
    const raw = t[i++];
    const v = unquote(raw);
    return raw.startsWith('"') && v.includes(' ') ? (d) => String(d[field] ?? '').includes(v) : (d) => String(d[field]) === v;
  };
  const term = (): ((d: Doc) => boolean) => {
    const tok = t[i];
    if (tok === '*') {
      i++;
      return () => true;
    }
    if (tok === '(') {
      i++;
      const e = expr();
      i++;
      return e;
    }
    const colon = tok.indexOf(':');
    if (colon < 0) throw new Error(`cannot parse ${q}`);
    const field = tok.slice(0, colon);
    const rest = tok.slice(colon + 1);
    if (rest === '') {
      i++;
      return value(field);
    }
    t[i] = rest;
    return value(field);
  };
  const expr = (): ((d: Doc) => boolean) => {
    const parts = [term()];
    while (t[i] === 'AND') {
      i++;
      parts.push(term());
    }
    return (d) => parts.every((p) => p(d));
  };
  return expr();
}

function aggregate(docs: Doc[], aggs: Record<string, any>, timeField: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(aggs)) {
    const sub = spec.aggs as Record<string, any> | undefined;
    const withSub = (key: string | number, group: Doc[], extra: Record<string, unknown> = {}) => ({ key, doc_count: group.length, ...extra, ...(sub ? aggregate(group, sub, timeField) : {}) });
    if (spec.terms) {
      const groups = new Map<string, Doc[]>();
      for (const d of docs) {
        const v = d[spec.terms.field];
        if (v === undefined || v === null) continue;
        const k = String(v);
        groups.set(k, [...(groups.get(k) ?? []), d]);
      }
      const sorted = [...groups].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1));
      const kept = sorted.slice(0, spec.terms.size ?? 10);
      out[name] = { buckets: kept.map(([k, g]) => withSub(k, g)), sum_other_doc_count: sorted.slice(kept.length).reduce((n, [, g]) => n + g.length, 0) };
    } else if (spec.date_histogram) {
      const width = Number(/^(\d+)s$/.exec(spec.date_histogram.fixed_interval)?.[1] ?? 60) * 1000;
      const groups = new Map<number, Doc[]>();
      for (const d of docs) {
        const k = Math.floor(ms(d[spec.date_histogram.field]) / width) * width;
        groups.set(k, [...(groups.get(k) ?? []), d]);
      }
      const keys = [...groups.keys()].sort((a, b) => a - b);
      const buckets = [];
      // Empty buckets between the first and the last, as Elasticsearch gives them.
      for (let k = keys[0]; keys.length && k <= keys[keys.length - 1]; k += width) {
        buckets.push(withSub(k, groups.get(k) ?? [], { key_as_string: new Date(k).toISOString() }));
      }
      out[name] = { buckets };
    } else if (spec.min || spec.max) {
      const field = (spec.min ?? spec.max).field;
      const values = docs.map((d) => (field === timeField ? ms(d[field]) : Number(d[field]))).filter(Number.isFinite);
      out[name] = { value: values.length ? (spec.min ? Math.min(...values) : Math.max(...values)) : null };
    } else if (spec.value_count) {
      out[name] = { value: docs.filter((d) => typeof d[spec.value_count.field] === 'number').length };
    } else if (spec.percentiles) {
      const values = docs.map((d) => d[spec.percentiles.field]).filter((v): v is number => typeof v === 'number').sort((a, b) => a - b);
      const percents: number[] = spec.percentiles.percents ?? [99];
      out[name] = { values: Object.fromEntries(percents.map((p) => [p.toFixed(1), values.length ? values[Math.max(0, Math.ceil((p / 100) * values.length) - 1)] : null])) };
    } else throw new Error(`aggregation ${JSON.stringify(spec)} not supported by the fake`);
  }
  return out;
}

/** Starts the fake for one index whose timestamp field is `timeField` (documents hold it as RFC 3339). */
export async function startQuickwitFake(index: string, timeField: string): Promise<QuickwitFake> {
  const docs: Doc[] = [];
  const searches: Array<Record<string, unknown>> = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const send = (status: number, doc: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(doc));
      const m = /^\/api\/v1\/([^/]+)\/search$/.exec(req.url ?? '');
      if (!m || req.method !== 'POST') return send(404, { message: `no route ${req.method} ${req.url}` });
      if (decodeURIComponent(m[1]) !== index) return send(404, { message: `could not find indexes matching the IDs \`[${m[1]}]\`` });
      let r: Record<string, any>;
      try {
        r = JSON.parse(body);
      } catch {
        return send(400, { message: 'invalid JSON body' });
      }
      searches.push(r);
      let match: (d: Doc) => boolean;
      try {
        match = parse(String(r.query ?? ''));
      } catch (err) {
        return send(400, { message: `failed to parse query: ${(err as Error).message}` });
      }
      const t = (d: Doc) => ms(d[timeField]) / 1000;
      const hits = docs.filter((d) => match(d) && (r.start_timestamp === undefined || t(d) >= r.start_timestamp) && (r.end_timestamp === undefined || t(d) < r.end_timestamp));
      if (r.sort_by) {
        const desc = String(r.sort_by).startsWith('-');
        const field = String(r.sort_by).replace(/^-/, '');
        const key = (d: Doc) => (field === timeField ? ms(d[field]) : Number(d[field]));
        hits.sort((a, b) => (desc ? key(b) - key(a) : key(a) - key(b)));
      }
      const offset = Number(r.start_offset ?? 0);
      send(200, {
        num_hits: hits.length, hits: hits.slice(offset, offset + Number(r.max_hits ?? 20)), elapsed_time_micros: 100, errors: [],
        ...(r.aggs ? { aggregations: aggregate(hits, r.aggs, timeField) } : {}),
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, docs, searches, close: () => new Promise((r) => server.close(() => r())) };
}
