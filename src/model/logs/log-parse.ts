// Turns a raw log line (JSON, logfmt or plain text) into a typed LogLine; never throws, whatever the line holds.
import type { LogLevel, LogLine } from './log-line.js';
import { levelFrom, levelInText } from './log-severity.js';
import { clearScanned, JsonKeyTable, scanJsonLine } from './json-line-scan.js';
import { leadingTime, parseTimeValue } from './log-timestamp.js';
import { looksLikeLogfmt, parseLogfmt } from './logfmt-pairs.js';

/** The roles a field can play; each has a list of field names tried in order. */
export type FieldRole = 'time' | 'level' | 'message' | 'service' | 'pod' | 'status' | 'latency' | 'trace_id';

/** Field names tried for each role when the profile does not say (journald's names included). */
export const DEFAULT_FIELDS: Record<FieldRole, string[]> = {
  time: ['ts', 'time', 'timestamp', '@timestamp', 't', 'date', '__REALTIME_TIMESTAMP'],
  level: ['level', 'lvl', 'severity', 'log.level', 'loglevel', 'levelname', 'PRIORITY'],
  message: ['msg', 'message', 'MESSAGE', 'log', 'text', 'event'],
  service: ['service', 'service.name', 'app', 'application', 'component', '_SYSTEMD_UNIT', 'SYSLOG_IDENTIFIER'],
  pod: ['pod', 'pod_name', 'kubernetes.pod_name', 'k8s.pod.name', 'instance'],
  status: ['status', 'status_code', 'statusCode', 'http.status_code', 'http_status', 'code'],
  latency: ['latency_ms', 'duration_ms', 'elapsed_ms', 'took_ms', 'latency', 'duration', 'elapsed', 'request_time', 'response_time'],
  trace_id: ['trace_id', 'traceId', 'trace.id', 'traceid', 'trace'],
};

/** Parses one raw line read by `source` at `readAt` (epoch ms). */
export type LineParser = (raw: string, source: string, readAt: number) => LogLine;

/** Longest line handed to JSON.parse or the logfmt scanner; longer lines are kept as plain text. */
export const MAX_STRUCTURED_CHARS = 256 * 1024;

type Fields = Record<string, unknown>;

function lookup(obj: Fields, name: string): unknown {
  if (name in obj) return obj[name];
  const dot = name.indexOf('.');
  if (dot < 0) return undefined;
  const inner = obj[name.slice(0, dot)];
  return inner && typeof inner === 'object' ? (inner as Fields)[name.slice(dot + 1)] : undefined;
}

function first(obj: Fields, names: string[]): { name: string; value: unknown } | undefined {
  for (const name of names) {
    const value = lookup(obj, name);
    if (value !== undefined && value !== null && value !== '') return { name, value };
  }
  return undefined;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);

/** A status code from 100 to 599, or undefined. */
function statusOf(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{3}$/.test(v) ? Number(v) : Number.NaN;
  return Number.isInteger(n) && n >= 100 && n <= 599 ? n : undefined;
}

const UNIT_S: Record<string, number> = { ns: 1e-9, us: 1e-6, 'µs': 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };

const unitScales = new Map<string, number>();

/**
 * Seconds per unit of a bare number in a latency field named *_ms, *_us, *_ns, *_s (or camelCase *Ms, *Us, *Ns), or
 * request_time / response_time (nginx and Apache write those in seconds); 0 for a name without a unit.
 */
export function latencyUnitScale(name: string): number {
  let scale = unitScales.get(name);
  if (scale === undefined) {
    const suffix = (/_(ms|us|ns|s)$/.exec(name)?.[1] ?? /[a-z](Ms|Us|Ns)$/.exec(name)?.[1])?.toLowerCase();
    scale = suffix ? UNIT_S[suffix] : /(^|_)(request|response)_time$/.test(name) ? 1 : 0;
    if (unitScales.size < 256) unitScales.set(name, scale);
  }
  return scale;
}

/**
 * Latency in seconds. A field named *_ms / *_us / *_ns is in that unit; a string carries its unit ("12ms", "1.5s",
 * Go durations like "1m2.5s"); a bare number in a unitless field is seconds when it has a fraction, milliseconds when
 * it is an integer (what most JSON loggers write).
 */
export function latencySeconds(name: string, v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v) && v >= 0) {
    const scale = latencyUnitScale(name);
    if (scale) return v * scale;
    return Number.isInteger(v) ? v / 1000 : v;
  }
  if (typeof v !== 'string' || v.length > 32) return undefined;
  if (/^\d+(\.\d+)?$/.test(v)) return latencySeconds(name, Number(v));
  let total = 0;
  let matched = '';
  for (const m of v.matchAll(/(\d+(?:\.\d+)?)(ns|us|\u00b5s|ms|s|m|h)/g)) {
    total += Number(m[1]) * UNIT_S[m[2]];
    matched += m[0];
  }
  return matched.length > 0 && matched.length === v.length ? total : undefined;
}

/** The value found for each role (and the field name, for the roles whose unit or format the name tells). */
export interface Picked {
  timeName: string | undefined;
  time: unknown;
  /** `time` already read, as parseTimeValue reads it (a reader that has read it another way), or undefined. */
  timeMs?: number;
  level: unknown;
  message: unknown;
  service: unknown;
  pod: unknown;
  status: unknown;
  latencyName: string;
  latency: unknown;
  traceId: unknown;
}

/** A LogLine from the values found for each role. */
export function lineFrom(f: Picked, raw: string, source: string, readAt: number): LogLine {
  let at = f.timeMs ?? parseTimeValue(f.time);
  // journald writes __REALTIME_TIMESTAMP as a string of microseconds.
  if (f.timeName === '__REALTIME_TIMESTAMP' && typeof f.time === 'string' && /^\d+$/.test(f.time)) at = Number(f.time) / 1000;
  const status = statusOf(f.status);
  let level: LogLevel | null = levelFrom(f.level);
  if (level === null && status !== undefined) level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
  return {
    at: at ?? readAt, timed: at !== null, level: level ?? 'unknown', source, message: text(f.message) ?? raw, raw,
    service: text(f.service), pod: text(f.pod), status,
    latency: f.latency === undefined ? undefined : latencySeconds(f.latencyName, f.latency), traceId: text(f.traceId),
  };
}

/** Field names per role, as the profile's `logs.fields` gives them. */
export type LineFields = Partial<Record<string, string[]>>;

const builtWith = new WeakMap<LineParser, LineFields>();
/** Parsers that read JSON lines in place (the others use JSON.parse only). */
const inPlaceParsers = new WeakSet<LineParser>();

/** The fields a parser made by makeLineParser was built with (another thread builds the same parser from them). */
export function lineParserFields(parse: LineParser): LineFields | undefined {
  return builtWith.get(parse);
}

/** True when a parser made by makeLineParser reads JSON lines in place (see LineParserOptions). */
export function readsInPlace(parse: LineParser): boolean {
  return inPlaceParsers.has(parse);
}

/** The field names tried for each role, in order: the profile's `logs.fields` first, then the defaults. */
export function roleNames(fields: LineFields = {}): Record<FieldRole, string[]> {
  const names = { ...DEFAULT_FIELDS } as Record<FieldRole, string[]>;
  for (const role of Object.keys(DEFAULT_FIELDS) as FieldRole[]) {
    const given = fields[role];
    if (given && given.length) names[role] = [...given, ...DEFAULT_FIELDS[role].filter((n) => !given.includes(n))];
  }
  return names;
}

/** How a parser reads JSON lines: in place (default), or with JSON.parse only (the reference the scan must match). */
export interface LineParserOptions {
  inPlace?: boolean;
}

/** Builds a parser; `fields` overrides the names tried per role (profile `logs.fields`). */
export function makeLineParser(fields: LineFields = {}, opts: LineParserOptions = {}): LineParser {
  const names = roleNames(fields);
  const f: Picked = { timeName: undefined, time: undefined, level: undefined, message: undefined, service: undefined, pod: undefined, status: undefined, latencyName: '', latency: undefined, traceId: undefined };

  const fromFields = (obj: Fields, raw: string, source: string, readAt: number): LogLine => {
    const time = first(obj, names.time);
    const lat = first(obj, names.latency);
    f.timeName = time?.name;
    f.time = time?.value;
    f.level = first(obj, names.level)?.value;
    f.message = first(obj, names.message)?.value;
    f.service = first(obj, names.service)?.value;
    f.pod = first(obj, names.pod)?.value;
    f.status = first(obj, names.status)?.value;
    f.latencyName = lat?.name ?? '';
    f.latency = lat?.value;
    f.traceId = first(obj, names.trace_id)?.value;
    return lineFrom(f, raw, source, readAt);
  };

  // JSON lines are read in place for the fields above; JSON.parse only decides the lines the scan leaves to it.
  const keys = new JsonKeyTable(Object.values(names).flat());
  const inPlace = keys.usable && opts.inPlace !== false;
  const values: unknown[] = keys.names.map(() => undefined);
  const slots = (role: FieldRole) => names[role].map((n) => keys.slotOf(n));
  const [timeSlots, levelSlots, messageSlots, serviceSlots, podSlots, statusSlots, latencySlots, traceSlots] = (
    ['time', 'level', 'message', 'service', 'pod', 'status', 'latency', 'trace_id'] as const
  ).map(slots);
  let picked = -1;
  /** The first present, non-empty value among the slots (as `first` does for an object); its slot goes in `picked`. */
  const firstValue = (list: number[]): unknown => {
    for (const i of list) {
      const v = values[i];
      if (v !== undefined && v !== null && v !== '') {
        picked = i;
        return v;
      }
    }
    picked = -1;
    return undefined;
  };
  const fromSlots = (raw: string, source: string, readAt: number): LogLine => {
    f.time = firstValue(timeSlots);
    f.timeName = picked < 0 ? undefined : keys.names[picked];
    f.latency = firstValue(latencySlots);
    f.latencyName = picked < 0 ? '' : keys.names[picked];
    f.level = firstValue(levelSlots);
    f.message = firstValue(messageSlots);
    f.service = firstValue(serviceSlots);
    f.pod = firstValue(podSlots);
    f.status = firstValue(statusSlots);
    f.traceId = firstValue(traceSlots);
    return lineFrom(f, raw, source, readAt);
  };

  const plain = (raw: string, source: string, readAt: number): LogLine => {
    const lead = leadingTime(raw, readAt);
    const klog = lead?.klogLevel;
    const level: LogLevel = klog ? ({ I: 'info', W: 'warn', E: 'error', F: 'fatal' } as const)[klog as 'I'] : (levelInText(raw) ?? 'unknown');
    return { at: lead?.at ?? readAt, timed: !!lead, level, source, message: raw, raw };
  };

  const parse: LineParser = (raw, source, readAt) => {
    try {
      if (raw.length <= MAX_STRUCTURED_CHARS) {
        if (inPlace) {
          const read = scanJsonLine(raw, keys, values);
          const line = read ? fromSlots(raw, source, readAt) : undefined;
          clearScanned(values);
          if (line) return line;
        }
        const start = raw.search(/\S/);
        if (raw[start] === '{') {
          const obj: unknown = JSON.parse(raw);
          if (obj && typeof obj === 'object' && !Array.isArray(obj)) return fromFields(obj as Fields, raw, source, readAt);
        } else if (looksLikeLogfmt(raw)) {
          const pairs = parseLogfmt(raw);
          if (Object.keys(pairs).length >= 2) return fromFields(pairs, raw, source, readAt);
        }
      }
    } catch {
      // Not JSON after all: read it as text.
    }
    return plain(raw, source, readAt);
  };
  builtWith.set(parse, structuredClone(fields));
  if (inPlace) inPlaceParsers.add(parse);
  return parse;
}
