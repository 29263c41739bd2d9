// The picker reducer: ranking, the sticky cursor, paging, the caps and how it ends, table-driven.
import { describe, expect, it } from 'vitest';
import { createPicker, distinctLabelValues, MAX_PICKER_QUERY, rankMatches, reducePicker, pickerSelection, type PickerAction, type PickerState } from '../../../src/model/console-state/picker.js';

const SERVICES = ['api-gateway', 'checkout', 'checkout-payments', 'payments', 'payments-api', 'Payroll', 'search', 'shipping'];

const run = (actions: PickerAction[], values: readonly string[] = SERVICES, cap?: number): PickerState =>
  actions.reduce(reducePicker, reducePicker(createPicker('service', cap), { type: 'values', values }));

const type = (text: string): PickerAction => ({ type: 'type', text });

describe('rankMatches', () => {
  const lower = SERVICES.map((v) => v.toLowerCase());
  it.each([
    ['', SERVICES],
    ['pay', ['payments', 'payments-api', 'Payroll', 'checkout-payments']],
    ['PAY', ['payments', 'payments-api', 'Payroll', 'checkout-payments']],
    ['payments', ['payments', 'payments-api', 'checkout-payments']],
    ['out', ['checkout', 'checkout-payments']],
    ['i', ['api-gateway', 'shipping', 'payments-api']],
    ['zzz', []],
  ])('"%s" ranks exact, then prefixes, then later starts, ties in the given order', (query, want) => {
    const r = rankMatches(SERVICES, lower, query, 100);
    expect(r.matches).toEqual(want);
    expect(r.count).toBe(want.length);
  });

  it('keeps at most cap matches but counts them all', () => {
    const r = rankMatches(SERVICES, lower, 'p', 2);
    expect(r.matches).toEqual(['payments', 'payments-api']);
    expect(r.count).toBe(6);
  });
});

describe('reducePicker', () => {
  it.each<[string, PickerAction[], string | null, number, string]>([
    ['starts on the first value', [], 'api-gateway', 0, ''],
    ['typing narrows and puts the cursor on the best match', [type('pay')], 'payments', 0, 'pay'],
    ['down moves, and does not run off the end', [type('pay'), { type: 'down' }, { type: 'down' }, { type: 'down' }, { type: 'down' }], 'checkout-payments', 3, 'pay'],
    ['up stops at the top', [{ type: 'up' }, { type: 'up' }], 'api-gateway', 0, ''],
    ['erase widens the filter', [type('payr'), { type: 'erase' }], 'payments', 0, 'pay'],
    ['clear empties the filter', [type('pay'), { type: 'clear' }], 'api-gateway', 0, ''],
    ['page down and up move by the given rows', [{ type: 'page', direction: 1, rows: 3 }, { type: 'page', direction: 1, rows: 3 }, { type: 'page', direction: -1, rows: 3 }], 'payments', 3, ''],
    ['page down stops on the last value', [{ type: 'page', direction: 1, rows: 100 }], 'shipping', 7, ''],
    ['home and end', [{ type: 'end' }, { type: 'up' }, { type: 'home' }, { type: 'down' }], 'checkout', 1, ''],
    ['control characters are not typed', [type('pa\u001b\u0007y')], 'payments', 0, 'pay'],
  ])('%s', (_name, actions, selected, cursor, query) => {
    const s = run(actions);
    expect(pickerSelection(s)).toBe(selected);
    expect(s.cursor).toBe(cursor);
    expect(s.query).toBe(query);
  });

  it('keeps the cursor on the chosen value while the filter changes around it', () => {
    // checkout-payments is 4th for "pay"; after narrowing to "payments" it is 3rd, after widening to "p" it moves again.
    let s = run([type('pay'), { type: 'down' }, { type: 'down' }, { type: 'down' }]);
    expect(pickerSelection(s)).toBe('checkout-payments');
    s = reducePicker(s, type('ments'));
    expect(s.matches).toEqual(['payments', 'payments-api', 'checkout-payments']);
    expect(pickerSelection(s)).toBe('checkout-payments');
    expect(s.cursor).toBe(2);
    for (let i = 0; i < 8; i += 1) s = reducePicker(s, { type: 'erase' });
    expect(s.query).toBe('');
    expect(pickerSelection(s)).toBe('checkout-payments');
    expect(s.cursor).toBe(2);
  });

  it('goes back to the best match when the chosen value no longer matches, and stays there', () => {
    let s = run([{ type: 'down' }]);
    expect(pickerSelection(s)).toBe('checkout');
    s = reducePicker(s, type('pay'));
    expect(pickerSelection(s)).toBe('payments');
    s = reducePicker(s, { type: 'clear' });
    expect(pickerSelection(s)).toBe('api-gateway');
  });

  it('keeps the typed filter and the cursor when the values arrive after typing', () => {
    let s = reducePicker(createPicker('service'), type('ship'));
    expect(s.status).toBe('loading');
    expect(s.matches).toEqual([]);
    s = reducePicker(s, { type: 'values', values: SERVICES });
    expect(s.status).toBe('ready');
    expect(pickerSelection(s)).toBe('shipping');
  });

  it.each<[string, PickerAction[], unknown]>([
    ['enter chooses the value under the cursor', [type('pay'), { type: 'down' }, { type: 'enter' }], { type: 'chosen', value: 'payments-api', typed: false }],
    ['enter with no match takes the text as typed', [type(' ledger '), { type: 'enter' }], { type: 'chosen', value: 'ledger', typed: true }],
    ['enter with nothing typed and nothing listed does nothing', [type('zzz'), { type: 'clear' }], null],
    ['esc cancels', [type('pay'), { type: 'esc' }], { type: 'cancelled' }],
    ['keys after the end are ignored', [{ type: 'esc' }, type('x'), { type: 'enter' }], { type: 'cancelled' }],
  ])('%s', (_name, actions, result) => {
    expect(run(actions).result).toEqual(result);
  });

  it('enter with no values at all picks the typed name (Prometheus down)', () => {
    let s = reducePicker(createPicker('service'), { type: 'failed', error: 'connection refused' });
    s = reducePicker(reducePicker(s, type('payments')), { type: 'enter' });
    expect(s.status).toBe('error');
    expect(s.result).toEqual({ type: 'chosen', value: 'payments', typed: true });
  });

  it('caps the filter length', () => {
    const s = run([type('x'.repeat(MAX_PICKER_QUERY + 50))]);
    expect(s.query.length).toBe(MAX_PICKER_QUERY);
  });

  describe('50,000 values', () => {
    const many = Array.from({ length: 50_000 }, (_, i) => `svc-${String(i).padStart(5, '0')}`);
    const base = reducePicker(createPicker('service', 5000), { type: 'values', values: many, total: 60_000 });

    it('lists the first 5,000, counts 50,000 kept and 60,000 at the source', () => {
      expect(base.matches.length).toBe(5000);
      expect(base.matchCount).toBe(50_000);
      expect(base.total).toBe(60_000);
      expect(base.matches[4999]).toBe('svc-04999');
    });

    it('finds a value far beyond the listed 5,000 by typing, and ranks the exact match first', () => {
      const s = ['4', '9', '9', '9', '9'].reduce((acc, ch) => reducePicker(acc, type(ch)), base);
      expect(s.query).toBe('49999');
      expect(s.matchCount).toBe(1);
      expect(pickerSelection(s)).toBe('svc-49999');
      const exact = reducePicker(base, type('SVC-12345'));
      expect(exact.matches).toEqual(['svc-12345']);
    });

    it('counts all matches, lists the best 5,000', () => {
      const s = reducePicker(base, type('1'));
      expect(s.matchCount).toBe(many.filter((v) => v.includes('1')).length);
      expect(s.matches.length).toBe(5000);
      expect(s.matches[0]).toBe('svc-10000');
    });

    it('end goes to the last listed value, not beyond the cap', () => {
      const s = reducePicker(base, { type: 'end' });
      expect(s.cursor).toBe(4999);
      expect(pickerSelection(s)).toBe('svc-04999');
    });
  });
});

describe('distinctLabelValues', () => {
  it('collects, dedupes and sorts, skipping empty and missing labels', () => {
    const sets: Array<Record<string, string>> = [{ service: 'payments', pod: 'p-1' }, { service: 'checkout' }, { service: 'payments' }, { service: '' }, { pod: 'x' }];
    expect(distinctLabelValues(sets, 'service')).toEqual(['checkout', 'payments']);
  });
});
