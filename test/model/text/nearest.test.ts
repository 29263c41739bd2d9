import { describe, expect, it } from 'vitest';
import { editDistance, nearestNames } from '../../../src/model/text/nearest.js';

describe('nearest names', () => {
  it('measures edits and lists the closest first', () => {
    expect(editDistance('paymnts', 'payments')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(nearestNames('paymnts', ['auth', 'checkout', 'payments', 'search'], 3)).toEqual(['payments', 'auth', 'search']);
    expect(nearestNames('http_request_total', ['up', 'http_requests_total', 'http_request_duration_seconds_bucket'], 1)).toEqual(['http_requests_total']);
  });
});
