// The first range query, sent by the launcher before the program is loaded (src/cli/launcher.ts). Each run records
// the first range query it sent for its command line; the next run's launcher sends that request again at once,
// with the window moved to now (ends are multiples of the step: the program asks the very same URL within a step),
// and the program takes its answer instead of asking a second time. Only plain-http requests without credentials,
// headers of the profile, TLS settings or a proxy are recorded: nothing secret is written, and the launcher needs
// nothing but a socket to send it (sources/plain-get.ts).

import { plainGet } from './plain-get.js';

/** What the launcher and the program share, on globalThis under FIRST_REQUEST. */
export interface FirstRequestSlot {
  /** Where this command line's record is kept (in the cache directory), or null when there is none. */
  recordFile: string | null;
  /** The record as the launcher read it (the URL of last time), to write it only when it changed. */
  recorded: string | null;
  /**
   * Set by the launcher when it has no compiled code to keep yet: called by the program once its first graph is on
   * screen, it keeps the code compiled until then (see src/cli/launcher.ts).
   */
  keepCode?: () => void;
  /** The request the launcher sent, until the program takes it. */
  sent?: {
    url: string;
    /** performance.now() when it was sent. */
    sentAt: number;
    answer: Promise<EarlyAnswer | null>;
    /** Resolves once the connection is made and the request written to it (or the request failed). */
    written?: Promise<void>;
  };
}

/** The launcher's answer: null when it failed (the program then asks itself). */
export interface EarlyAnswer {
  status: number;
  contentType: string;
  body: string;
  /** performance.now() at the last byte. */
  doneAt: number;
}

/** Longest the launcher waits for the early request's connection before it reads the program, in milliseconds. */
export const EARLY_CONNECT_MS = 3;

/** Most bytes the early answer may have (the program's own cap for Prometheus answers). */
const EARLY_MAX_BYTES = 8 * 1024 * 1024;

/**
 * The launcher's side: sends last time's first range query again, its window moved to now (ends at the last
 * multiple of its step), with the headers the program sends; its answer resolves to null when anything goes wrong.
 */
export function sendEarly(recorded: string): FirstRequestSlot['sent'] {
  let u: URL;
  try {
    u = new URL(recorded);
  } catch {
    return undefined;
  }
  const step = Number(u.searchParams.get('step'));
  const span = Number(u.searchParams.get('end')) - Number(u.searchParams.get('start'));
  if (u.protocol !== 'http:' || !(step > 0) || !(span > 0)) return undefined;
  const end = Math.floor(Date.now() / 1000 / step) * step;
  u.searchParams.set('start', String(end - span));
  u.searchParams.set('end', String(end));
  const asked = process.hrtime.bigint();
  const get = plainGet(u, { accept: 'application/json', 'accept-encoding': 'identity' }, EARLY_MAX_BYTES, 10_000);
  // `performance` loads a module of its own (about 1 ms): only once the connection is on its way, counted back to then.
  const sentAt = performance.now() - Number(process.hrtime.bigint() - asked) / 1e6;
  const answer = get.answer.then((a): EarlyAnswer | null => a && {
    status: a.status, contentType: a.contentType, body: a.body.toString('utf8'), doneAt: performance.now(),
  });
  const written = get.written;
  return { url: u.toString(), sentAt, answer, written };
}

/** True when a proxy variable is set: the program decides then, and the launcher sends nothing itself. */
export const proxied = (env: NodeJS.ProcessEnv): boolean => ['http_proxy', 'HTTP_PROXY', 'all_proxy', 'ALL_PROXY'].some((k) => !!env[k]);

/** The global key of the slot. */
export const FIRST_REQUEST = Symbol.for('incident.first-request');

const slot = (): FirstRequestSlot | undefined => (globalThis as Record<symbol, FirstRequestSlot | undefined>)[FIRST_REQUEST];

/** Longest wait of the program's other requests for the launcher's answer, in milliseconds. */
export const EARLY_GATE_MS = 50;

let gate: Promise<void> | null | undefined;

/**
 * Resolves when the program's other requests may go: once the launcher's answer is in and its first graph drawn (the
 * next turn of the event loop after it), or after EARLY_GATE_MS. Loading the HTTP client and sending the other
 * requests holds the thread for about 10 ms, which the first graph would otherwise wait for. Null when the launcher
 * sent nothing.
 */
export function earlyGate(): Promise<void> | null {
  if (gate !== undefined) return gate;
  const sent = slot()?.sent;
  if (!sent) return (gate = null);
  gate = Promise.race([
    sent.answer.then(() => new Promise<void>((resolve) => setImmediate(resolve))),
    new Promise<void>((resolve) => setTimeout(resolve, EARLY_GATE_MS).unref()),
  ]);
  return gate;
}

/** Longest the first frame waits for the launcher's answer, in milliseconds. */
export const EARLY_FRAME_MS = 15;

/**
 * Resolves when the screen's first frame may be drawn: once the launcher's answer is in (its data then in the frame),
 * or after EARLY_FRAME_MS. The answer is usually in the socket already, read at the next turn of the event loop; a
 * frame drawn before would be drawn empty and again a few milliseconds later. Null when the launcher sent nothing.
 */
export function earlyFrameGate(): Promise<void> | null {
  const g = earlyGate();
  return g && Promise.race([g, new Promise<void>((resolve) => setTimeout(resolve, EARLY_FRAME_MS).unref())]);
}

/** The launcher's answer for exactly `url`, once (null when it sent another request or none). */
export function takeEarlyAnswer(url: string): FirstRequestSlot['sent'] | null {
  earlyGate();
  const s = slot();
  const sent = s?.sent;
  if (!s || !sent || sent.url !== url) return null;
  s.sent = undefined;
  return sent;
}

let noted = false;

/**
 * Records the process's first range query for the next start of the same command line, when it can be sent by
 * the launcher as it is: `eligible` says the request carries nothing but the default headers, over plain http,
 * without TLS settings or a proxy. Written once per process, only when it changed; a failure to write is ignored.
 */
export function noteFirstRange(url: string, eligible: boolean, write: (file: string, text: string) => void): void {
  if (noted) return;
  const u = new URL(url);
  if (!u.pathname.endsWith('/api/v1/query_range')) return;
  noted = true;
  const s = slot();
  if (!s?.recordFile) return;
  const text = eligible && u.protocol === 'http:' && !u.username && !u.password ? url : '';
  // A record that differs only in its window is the same request (the launcher moves the window to now anyway):
  // left as it is, the start does not write a file and prune the directory before its first graph.
  if (sameBesideWindow(text, s.recorded ?? '')) return;
  try {
    write(s.recordFile, text);
  } catch {
    // the next start just asks later
  }
}

/**
 * True when two recorded URLs are the same request at another time: equal but for where their window starts and ends,
 * its length the same (two empty records are equal).
 */
export function sameBesideWindow(a: string, b: string): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const param = (url: string, name: 'start' | 'end') => Number(new RegExp(`[?&]${name}=([^&]*)`).exec(url)?.[1]);
  const span = (url: string) => param(url, 'end') - param(url, 'start');
  const window = /([?&])(start|end)=[^&]*/g;
  return span(a) === span(b) && a.replace(window, '$1$2=') === b.replace(window, '$1$2=');
}

/** Lets the launcher keep the code compiled so far, when it has none kept yet (once; later calls do nothing). */
export function keepCompiledCode(): void {
  const s = slot();
  const keep = s?.keepCode;
  if (!s || !keep) return;
  s.keepCode = undefined;
  // After the frame that called it is out: the next turn of the event loop.
  setImmediate(keep);
}
