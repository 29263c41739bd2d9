// Redaction removes whole secrets and any piece of one long enough to matter, wherever the text was cut.
import { describe, expect, it } from 'vitest';
import { redact } from '../../../src/model/session/redact.js';

const TOKEN = 'tok-SEKRET-bearer-0123456789';
const BASIC = Buffer.from('alice:pw-SEKRET-basic').toString('base64');

describe('redact', () => {
  it('removes a whole secret and URL userinfo', () => {
    expect(redact(`Authorization: Bearer ${TOKEN} from http://bob:pw@prom:9090/x`, [TOKEN])).toBe('Authorization: Bearer *** from http://***@prom:9090/x');
  });

  it('removes the piece of a secret left by a cut, raw or base64', () => {
    const cut = `HTTP 401: unauthorized, you sent Bearer ${TOKEN.slice(0, 14)}... and Basic ${BASIC.slice(0, 11)}...`;
    const out = redact(cut, [TOKEN, BASIC]);
    expect(out).toBe('HTTP 401: unauthorized, you sent Bearer ***... and Basic ***...');
    for (const s of [TOKEN, BASIC]) for (let i = 0; i + 6 <= s.length; i++) expect(out).not.toContain(s.slice(i, i + 6));
  });

  it('leaves text alone that shares fewer than 6 characters with a secret, and ignores secrets under 3 characters', () => {
    expect(redact('token tok-S is fine', [TOKEN])).toBe('token tok-S is fine');
    expect(redact('pw is ok', ['pw'])).toBe('pw is ok');
  });
});
