// The small slice of PromQL the demo's fake Prometheus understands: label matchers and the demo profile's query shapes.

/** One label matcher such as service="payments" or status=~"5..". */
export interface Matcher {
  label: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}

/** A query the demo can answer: the 5xx share of requests, or a latency quantile, over `rangeS` seconds. */
export type DemoQuery =
  | { kind: 'error_ratio'; errors: Matcher[]; total: Matcher[]; by: string[]; rangeS: number }
  | { kind: 'quantile'; q: number; matchers: Matcher[]; by: string[]; rangeS: number }
  /** The bucket rates a quantile is computed from (what the console asks for the highest bucket bounds). */
  | { kind: 'buckets'; matchers: Matcher[]; by: string[]; rangeS: number };

const MATCHER = /([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)"/g;

function unescape(v: string): string {
  return v.replace(/\\(.)/g, (_w, c: string) => (c === 'n' ? '\n' : c));
}

/** Matchers inside the braces of a selector ("" when there are none). */
export function parseMatchers(inner: string): Matcher[] {
  const out: Matcher[] = [];
  for (const m of inner.matchAll(MATCHER)) out.push({ label: m[1], op: m[2] as Matcher['op'], value: unescape(m[3]) });
  return out;
}

/** Whether a label set passes every matcher; regular expressions are anchored as in PromQL. */
export function matches(labels: Record<string, string>, matchers: readonly Matcher[]): boolean {
  return matchers.every((m) => {
    const v = labels[m.label] ?? '';
    if (m.op === '=') return v === m.value;
    if (m.op === '!=') return v !== m.value;
    let re: RegExp;
    try {
      re = new RegExp(`^(?:${m.value})$`, 's');
    } catch {
      return false;
    }
    return m.op === '=~' ? re.test(v) : !re.test(v);
  });
}

/** A series selector ("name{...}" or "{...}"): metric name (or undefined) and matchers; null when it is not one. */
export function parseSelector(text: string): { name?: string; matchers: Matcher[] } | null {
  const m = /^\s*([a-zA-Z_:][a-zA-Z0-9_:]*)?\s*(?:\{(.*)\})?\s*$/s.exec(text);
  if (!m || (!m[1] && m[2] === undefined)) return null;
  return { name: m[1], matchers: parseMatchers(m[2] ?? '') };
}

const RATE = (metric: string) => new RegExp(`rate\\(\\s*${metric}\\s*(?:\\{([^}]*)\\})?\\[(\\d+)([smh])\\]\\s*\\)`, 'g');
const UNIT_S: Record<string, number> = { s: 1, m: 60, h: 3600 };

function by(query: string): string[] {
  const m = /\bby\s*\(([^)]*)\)/.exec(query);
  return m ? m[1].split(',').map((s) => s.trim()).filter((s) => s && s !== 'le') : [];
}

/** Recognises the demo profile's queries (and simple variants); null for anything else. */
export function parseDemoQuery(query: string): DemoQuery | null {
  const text = query.replace(/\s+/g, ' ').trim();
  const quantile = /^histogram_quantile\(\s*([0-9.]+)\s*,/.exec(text);
  const buckets = [...text.matchAll(RATE('http_request_duration_seconds_bucket'))];
  if (quantile && buckets.length === 1) {
    return { kind: 'quantile', q: Number(quantile[1]), matchers: parseMatchers(buckets[0][1] ?? ''), by: by(text), rangeS: Number(buckets[0][2]) * UNIT_S[buckets[0][3]] };
  }
  if (!quantile && buckets.length === 1 && /^sum by \(([^)]*)\)/.test(text)) {
    return { kind: 'buckets', matchers: parseMatchers(buckets[0][1] ?? ''), by: by(text), rangeS: Number(buckets[0][2]) * UNIT_S[buckets[0][3]] };
  }
  const requests = [...text.matchAll(RATE('http_requests_total'))];
  if (!quantile && requests.length === 2 && /\)\s*\/\s*sum/.test(text)) {
    return {
      kind: 'error_ratio',
      errors: parseMatchers(requests[0][1] ?? ''),
      total: parseMatchers(requests[1][1] ?? ''),
      by: by(text),
      rangeS: Number(requests[0][2]) * UNIT_S[requests[0][3]],
    };
  }
  return null;
}
