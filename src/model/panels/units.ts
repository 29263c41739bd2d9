// Values in Grafana's unit names, formatted compactly for a terminal cell: percentunit, s, ms, bytes, reqps, short, ...

type Scale = Array<[number, string]>;

const TIME_S: Scale = [[86_400, 'd'], [3600, 'h'], [60, 'm'], [1, 's'], [1e-3, 'ms'], [1e-6, 'µs'], [1e-9, 'ns']];
const IEC = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
const SI = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
const SHORT = ['', 'K', 'Mil', 'Bil', 'Tri'];

/** Seconds per unit for Grafana's time units. */
const TIME_UNITS: Record<string, number> = { ns: 1e-9, µs: 1e-6, us: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600, d: 86_400, dtdurations: 1, dtdurationms: 1e-3 };

/** Suffixes of Grafana's rate units. */
const RATE_SUFFIX: Record<string, string> = {
  reqps: 'req/s', rps: 'rd/s', wps: 'wr/s', iops: 'io/s', ops: 'ops/s', cps: 'c/s', pps: 'p/s', opm: 'ops/min', reqpm: 'req/min', rpm: 'rd/min', wpm: 'wr/min', hertz: 'Hz',
};

/** A number with three significant digits at most, no exponent for everyday sizes: 0.0123 -> "0.0123", 1234 -> "1234". */
export function compactNumber(v: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf';
  const a = Math.abs(v);
  if (a === 0) return '0';
  if (a >= 1000) return String(Math.round(v));
  if (a >= 100) return v.toFixed(0);
  if (a >= 10) return trim(v.toFixed(1));
  if (a >= 1) return trim(v.toFixed(2));
  if (a >= 0.001) return trim(v.toPrecision(3));
  return v.toExponential(1);
}

const trim = (s: string): string => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);

function scaled(v: number, base: number, names: string[], sep = ''): string {
  let i = 0;
  let x = v;
  while (Math.abs(x) >= base && i < names.length - 1) {
    x /= base;
    i++;
  }
  return `${compactNumber(x)}${sep}${names[i]}`;
}

function time(seconds: number): string {
  const a = Math.abs(seconds);
  if (a === 0) return '0s';
  for (const [size, name] of TIME_S) if (a >= size) return `${compactNumber(seconds / size)}${name}`;
  return `${compactNumber(seconds / 1e-9)}ns`;
}

/** Formats `value` in the Grafana unit `unit` ("" and "none" are plain numbers; an unknown unit is written after the number). */
export function formatUnit(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined) return 'n/a';
  if (!Number.isFinite(value)) return compactNumber(value);
  if (unit.startsWith('suffix:')) return `${compactNumber(value)}${unit.slice(7)}`;
  if (unit.startsWith('prefix:')) return `${unit.slice(7)}${compactNumber(value)}`;
  if (Object.hasOwn(TIME_UNITS, unit)) return time(value * TIME_UNITS[unit]);
  if (Object.hasOwn(RATE_SUFFIX, unit)) return `${scaled(value, 1000, ['', 'k', 'M', 'G'])} ${RATE_SUFFIX[unit]}`;
  switch (unit) {
    case '':
    case 'none':
      return compactNumber(value);
    case 'short':
      return scaled(value, 1000, SHORT, '').replace(/([0-9])([A-Z])/, '$1 $2');
    case 'percentunit':
      return `${compactNumber(value * 100)}%`;
    case 'percent':
      return `${compactNumber(value)}%`;
    case 'bytes':
    case 'binbytes':
      return scaled(value, 1024, IEC);
    case 'decbytes':
      return scaled(value, 1000, SI);
    case 'bits':
      return scaled(value, 1024, IEC.map((n) => n.replace('B', 'b')));
    case 'decbits':
      return scaled(value, 1000, SI.map((n) => n.replace('B', 'b')));
    case 'Bps':
    case 'decBps':
      return `${scaled(value, 1000, SI)}/s`;
    case 'binBps':
      return `${scaled(value, 1024, IEC)}/s`;
    case 'bps':
    case 'decbps':
      return `${scaled(value, 1000, SI.map((n) => n.replace('B', 'b')))}/s`;
    case 'binbps':
      return `${scaled(value, 1024, IEC.map((n) => n.replace('B', 'b')))}/s`;
    case 'kbytes':
      return scaled(value * 1024, 1024, IEC);
    case 'mbytes':
      return scaled(value * 1024 * 1024, 1024, IEC);
    case 'celsius':
      return `${compactNumber(value)}°C`;
    case 'watt':
      return `${scaled(value, 1000, ['W', 'kW', 'MW'])}`;
    case 'bool':
      return value === 0 ? 'false' : 'true';
    default:
      return `${compactNumber(value)} ${unit}`;
  }
}
