// Which proxy a request goes through: the endpoint's proxy_url, else the environment's, read the way curl reads it.

/** The proxy chosen for one URL: its URL (null for a direct connection) and where the choice came from. */
export interface ProxyChoice {
  proxy: string | null;
  /** "proxy_url", the environment variable's name ("https_proxy", "HTTP_PROXY", ...), or "NO_PROXY"/"no_proxy" when it bypassed one. */
  from: string | null;
}

/** The value of `name` in `env`, lower case first as curl reads it; empty values count as unset. */
function envValue(env: Readonly<Record<string, string | undefined>>, name: string): { value: string; from: string } | null {
  for (const key of [name, name.toUpperCase()]) {
    const value = env[key];
    if (value !== undefined && value.trim() !== '') return { value: value.trim(), from: key };
  }
  return null;
}

/** The host as NO_PROXY compares it: lower case, without IPv6 brackets or a trailing dot. */
function bareHost(host: string): string {
  return host.toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
}

/** An IPv4 address as a 32-bit number, or null. */
function ipv4(text: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return null;
  return ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0;
}

/** An IPv6 address as a 128-bit BigInt, or null (`::` shorthand and an IPv4 tail accepted). */
function ipv6(text: string): bigint | null {
  if (!text.includes(':')) return null;
  let t = text;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(t);
  if (v4) {
    const n = ipv4(v4[1]);
    if (n === null) return null;
    t = `${t.slice(0, -v4[1].length)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const halves = t.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  let out = 0n;
  for (const g of groups) {
    if (!/^[0-9a-f]{1,4}$/i.test(g)) return null;
    out = (out << 16n) | BigInt(parseInt(g, 16));
  }
  return out;
}

/** True when the address `host` lies in `entry` (an address, or an address with /bits). */
function ipMatches(host: string, entry: string): boolean {
  const [addr, bitsText] = entry.split('/');
  const h4 = ipv4(host);
  const e4 = ipv4(addr);
  if (h4 !== null && e4 !== null) {
    const bits = bitsText === undefined ? 32 : Number(bitsText);
    if (!Number.isInteger(bits) || bits < 0 || bits > 32) return false;
    const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
    return ((h4 & mask) >>> 0) === ((e4 & mask) >>> 0);
  }
  const h6 = ipv6(host);
  const e6 = ipv6(bareHost(addr));
  if (h6 === null || e6 === null) return false;
  const bits = bitsText === undefined ? 128 : Number(bitsText);
  if (!Number.isInteger(bits) || bits < 0 || bits > 128) return false;
  const shift = BigInt(128 - bits);
  return h6 >> shift === e6 >> shift;
}

/**
 * True when NO_PROXY's `list` exempts `host`, as curl decides: entries separated by commas or spaces, `*` alone
 * exempts every host, a name matches itself and every name under it (a leading dot is ignored, so `.example.com`
 * and `example.com` both match `example.com` and `api.example.com`, never `notexample.com`), case-insensitively; an
 * address host matches only address entries, with CIDR bits allowed (`10.0.0.0/8`, `fd00::/8`). Ports are not compared.
 */
export function noProxyMatches(host: string, list: string): boolean {
  const entries = list.split(/[\s,]+/).filter((e) => e !== '');
  if (entries.length === 1 && entries[0] === '*') return true;
  const name = bareHost(host);
  const isAddress = ipv4(name) !== null || ipv6(name) !== null;
  for (const raw of entries) {
    const entry = bareHost(raw.replace(/^\./, ''));
    if (entry === '') continue;
    if (isAddress) {
      if (ipMatches(name, entry)) return true;
      continue;
    }
    if (name === entry || name.endsWith(`.${entry}`)) return true;
  }
  return false;
}

/**
 * The proxy for `url`: the endpoint's own `proxyUrl` when set (NO_PROXY does not apply to it), else `https_proxy`
 * for https/wss and `http_proxy` for http/ws (lower case read first, then upper case), falling back to `all_proxy`,
 * unless `no_proxy`/`NO_PROXY` exempts the host.
 */
export function chooseProxy(url: string, env: Readonly<Record<string, string | undefined>>, proxyUrl?: string): ProxyChoice {
  if (proxyUrl) return { proxy: proxyUrl, from: 'proxy_url' };
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return { proxy: null, from: null };
  }
  const secure = target.protocol === 'https:' || target.protocol === 'wss:';
  const chosen = envValue(env, secure ? 'https_proxy' : 'http_proxy') ?? envValue(env, 'all_proxy');
  if (!chosen) return { proxy: null, from: null };
  const exempt = envValue(env, 'no_proxy');
  if (exempt && noProxyMatches(target.hostname, exempt.value)) return { proxy: null, from: exempt.from };
  // curl accepts a proxy without a scheme ("proxy:3128") and takes it for http://.
  const proxy = /^[a-z][a-z0-9+.-]*:\/\//i.test(chosen.value) ? chosen.value : `http://${chosen.value}`;
  return { proxy, from: chosen.from };
}
