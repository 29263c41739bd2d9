// What the header's mark of a past window should read, written apart from the product's own formatting so the e2e
// tests check it rather than repeat it: "AT 21:12Z (historical)", with the date in front when the window's UTC day
// is not today's. A test that runs across midnight sees both, so the mark is a pattern over the span it looked.

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The header's mark for a window ending at `endS`, as seen by someone looking from `sinceMs` until now. */
export function historicalMark(endS: number, sinceMs: number, nowMs = Date.now()): RegExp {
  const iso = new Date(endS * 1000).toISOString();
  const time = iso.slice(17, 19) === '00' ? iso.slice(11, 16) : iso.slice(11, 19);
  const dates = new Set([day(sinceMs), day(nowMs)]);
  const date = `${escape(iso.slice(0, 10))} `;
  const prefix = !dates.has(iso.slice(0, 10)) ? date : dates.size > 1 ? `(?:${date})?` : '';
  return new RegExp(`AT ${prefix}${escape(time)}Z \\(historical\\)`);
}

/** The end of the window a screen's header names, in seconds; a mark without a date is on the day of `nowMs`. */
export function shownEnd(screen: string, nowMs = Date.now()): number | null {
  const m = /AT (?:(\d{4}-\d\d-\d\d) )?(\d\d):(\d\d)(?::(\d\d))?Z \(historical\)/.exec(screen);
  if (!m) return null;
  const midnight = Date.parse(`${m[1] ?? day(nowMs)}T00:00:00Z`) / 1000;
  return midnight + Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4] ?? 0);
}
