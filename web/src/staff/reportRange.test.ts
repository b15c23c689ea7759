import { describe, expect, it } from 'vitest';
import { presetRange } from './reportRange';

describe('presetRange', () => {
  it('gives the week from Monday to Sunday', () => {
    expect(presetRange('week', '2027-03-03')).toEqual({ from: '2027-03-01', to: '2027-03-07' });
    expect(presetRange('week', '2027-03-07')).toEqual({ from: '2027-03-01', to: '2027-03-07' });
    expect(presetRange('week', '2027-12-30')).toEqual({ from: '2027-12-27', to: '2028-01-02' });
  });
  it('gives this month and last month, whatever their length', () => {
    expect(presetRange('month', '2028-02-15')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(presetRange('lastMonth', '2028-03-31')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(presetRange('lastMonth', '2027-01-10')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });
});
