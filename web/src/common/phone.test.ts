import { describe, expect, it } from 'vitest';
import { formatPhone } from './phone';

describe('formatPhone', () => {
  it('shows a French number in the national format of a French salon', () => {
    expect(formatPhone('+33610021936', 'FR')).toBe('06 10 02 19 36');
    expect(formatPhone('+33145678901')).toBe('01 45 67 89 01');
  });
  it('formats the other countries the server normalises', () => {
    expect(formatPhone('+32470123456', 'BE')).toBe('0470 12 34 56');
    expect(formatPhone('+3221234567', 'BE')).toBe('02 123 45 67');
    expect(formatPhone('+41791234567', 'CH')).toBe('079 123 45 67');
    expect(formatPhone('+447911123456', 'GB')).toBe('07911 123456');
    expect(formatPhone('+442071234567', 'GB')).toBe('020 7123 4567');
  });
  it('keeps the country prefix of a number from another country', () => {
    expect(formatPhone('+32470123456', 'FR')).toBe('+32 470123456');
    expect(formatPhone('+15551234567', 'FR')).toBe('+15551234567');
  });
  it('leaves what is not E.164 as typed, and empty as empty', () => {
    expect(formatPhone('06 10', 'FR')).toBe('06 10');
    expect(formatPhone('', 'FR')).toBe('');
    expect(formatPhone(null)).toBe('');
  });
  it('does not invent a format for a number of the wrong length', () => {
    expect(formatPhone('+3361002193', 'FR')).toBe('+33 61002193');
  });
});
