import { describe, expect, it } from 'vitest';
import { sumBy, type LabelledValue } from '../../../src/model/promql/sum-by.js';

const v = (labels: Record<string, string>, value: number): LabelledValue => ({ labels, value });

describe('sumBy', () => {
  const cases: Array<{ name: string; items: LabelledValue[]; by: string[]; want: LabelledValue[] }> = [
    { name: 'nothing to sum', items: [], by: ['le'], want: [] },
    {
      name: 'groups by one label, in order of first appearance, keeping only that label',
      items: [v({ le: '1', pod: 'a' }, 1), v({ le: '+Inf', pod: 'a' }, 4), v({ le: '1', pod: 'b' }, 2), v({ le: '+Inf', pod: 'b' }, 3)],
      by: ['le'],
      want: [v({ le: '1' }, 3), v({ le: '+Inf' }, 7)],
    },
    {
      name: 'no labels: one total without labels',
      items: [v({ pod: 'a' }, 1.5), v({ pod: 'b' }, 2.5)],
      by: [],
      want: [v({}, 4)],
    },
    {
      name: 'a missing label and an empty one fall in the same group, which omits it',
      items: [v({ code: '500' }, 1), v({}, 2), v({ code: '' }, 3), v({ code: '500' }, 4)],
      by: ['code'],
      want: [v({ code: '500' }, 5), v({}, 5)],
    },
    {
      name: 'several labels',
      items: [v({ svc: 'pay', code: '500', pod: 'a' }, 1), v({ svc: 'pay', code: '200', pod: 'a' }, 10), v({ svc: 'pay', code: '500', pod: 'b' }, 2)],
      by: ['svc', 'code'],
      want: [v({ svc: 'pay', code: '500' }, 3), v({ svc: 'pay', code: '200' }, 10)],
    },
    {
      name: 'values that would collide if joined naively stay apart',
      items: [v({ a: 'x,y', b: 'z' }, 1), v({ a: 'x', b: 'y,z' }, 2)],
      by: ['a', 'b'],
      want: [v({ a: 'x,y', b: 'z' }, 1), v({ a: 'x', b: 'y,z' }, 2)],
    },
    { name: 'NaN propagates', items: [v({}, 1), v({}, NaN)], by: [], want: [v({}, NaN)] },
    { name: 'infinities propagate', items: [v({}, 1), v({}, Infinity), v({}, 5)], by: [], want: [v({}, Infinity)] },
    { name: 'opposite infinities give NaN', items: [v({}, Infinity), v({}, -Infinity)], by: [], want: [v({}, NaN)] },
    // Plain left-to-right addition gives 0 here; the compensated sum keeps the 1.
    { name: 'compensated: a small value survives between two huge ones', items: [v({}, 1e100), v({}, 1), v({}, -1e100)], by: [], want: [v({}, 1)] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(sumBy(c.items, c.by)).toEqual(c.want);
    });
  }

  it('does not read a label named like an Object.prototype member that a series lacks', () => {
    expect(sumBy([v({}, 1)], ['constructor', '__proto__'])).toEqual([v({}, 1)]);
  });
});
