import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  addDays, addMonths, fmtDate, fmtInstant, fmtMoney, fmtShortDate, fromMin, isoDate, isoTime, localParts, minutesBetween,
  pad, startOfMonth, startOfWeek, toMin, todayIn, weekday, zonedIso,
} from './time';

// Intl output may use no-break spaces: compare with plain ones.
const plain = (s: string) => s.replace(/\s/g, ' ');

describe('minutes of the day', () => {
  it('reads HH:MM as minutes from midnight', () => {
    expect(toMin('00:00')).toBe(0);
    expect(toMin('09:30')).toBe(570);
    expect(toMin('23:59')).toBe(1439);
    expect(toMin('10')).toBe(600);
  });
  it('writes minutes as HH:MM, wrapping around the day', () => {
    expect(fromMin(0)).toBe('00:00');
    expect(fromMin(570)).toBe('09:30');
    expect(fromMin(1440)).toBe('00:00');
    expect(fromMin(1445)).toBe('00:05');
    expect(fromMin(-15)).toBe('23:45');
  });
  it('round-trips every step of a day', () => {
    for (let m = 0; m < 1440; m += 5) expect(toMin(fromMin(m))).toBe(m);
  });
  it('pads to two digits', () => {
    expect(pad(3)).toBe('03');
    expect(pad(12)).toBe('12');
  });
});

describe('local dates', () => {
  it('adds days across months, years and leap days', () => {
    expect(addDays('2027-03-01', 1)).toBe('2027-03-02');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2027-12-31', 1)).toBe('2028-01-01');
    expect(addDays('2027-03-01', 0)).toBe('2027-03-01');
  });
  it('does not shift over a daylight-saving change (local dates are zone-free)', () => {
    expect(addDays('2027-03-27', 1)).toBe('2027-03-28');
    expect(addDays('2027-03-28', 1)).toBe('2027-03-29');
    expect(addDays('2027-10-31', 1)).toBe('2027-11-01');
  });
  it('numbers weekdays as the API does: 1 = Monday … 7 = Sunday', () => {
    expect(weekday('2027-03-01')).toBe(1);
    expect(weekday('2027-03-06')).toBe(6);
    expect(weekday('2027-03-07')).toBe(7);
  });
  it('starts weeks on Monday', () => {
    expect(startOfWeek('2027-03-01')).toBe('2027-03-01');
    expect(startOfWeek('2027-03-07')).toBe('2027-03-01');
    expect(startOfWeek('2027-01-01')).toBe('2026-12-28');
  });
  it('finds the first of the month and moves by months', () => {
    expect(startOfMonth('2027-03-17')).toBe('2027-03-01');
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-01');
    expect(addMonths('2027-12-15', 1)).toBe('2028-01-01');
    expect(addMonths('2027-03-15', -3)).toBe('2026-12-01');
  });
});

describe('instants', () => {
  it('reads the wall-clock date and time of an instant the server wrote in the salon zone', () => {
    expect(localParts('2027-03-01T10:15:00+01:00')).toEqual({ date: '2027-03-01', time: '10:15' });
    // With a zone, an instant that carries its offset is already local.
    expect(localParts('2027-03-01T23:30:00-05:00', 'Europe/Paris')).toEqual({ date: '2027-03-01', time: '23:30' });
    expect(isoDate('2027-07-14T08:00:00+02:00')).toBe('2027-07-14');
    expect(isoTime('2027-07-14T08:00:00+02:00')).toBe('08:00');
  });
  it('converts a UTC instant into the zone asked', () => {
    expect(localParts('2027-03-01T23:30:00Z', 'Europe/Paris')).toEqual({ date: '2027-03-02', time: '00:30' });
    expect(localParts('2027-07-01T12:00:00Z', 'America/New_York')).toEqual({ date: '2027-07-01', time: '08:00' });
  });
  it('writes a wall-clock time in a zone with that zone offset, summer and winter', () => {
    expect(zonedIso('2027-01-15', '10:00', 'Europe/Paris')).toBe('2027-01-15T10:00:00+01:00');
    expect(zonedIso('2027-07-15', '10:00', 'Europe/Paris')).toBe('2027-07-15T10:00:00+02:00');
    expect(zonedIso('2027-01-15', '10:00', 'America/New_York')).toBe('2027-01-15T10:00:00-05:00');
    expect(zonedIso('2027-01-15', '10:00', 'Asia/Kolkata')).toBe('2027-01-15T10:00:00+05:30');
    expect(zonedIso('2027-01-15', '10:00', 'UTC')).toBe('2027-01-15T10:00:00+00:00');
  });
  it('takes the right offset on the days the clocks change', () => {
    // Paris: 2027-03-28 02:00 → 03:00, 2027-10-31 03:00 → 02:00.
    expect(zonedIso('2027-03-28', '01:30', 'Europe/Paris')).toBe('2027-03-28T01:30:00+01:00');
    expect(zonedIso('2027-03-28', '10:00', 'Europe/Paris')).toBe('2027-03-28T10:00:00+02:00');
    expect(zonedIso('2027-10-31', '10:00', 'Europe/Paris')).toBe('2027-10-31T10:00:00+01:00');
  });
  it('round-trips a zoned time through localParts', () => {
    for (const [d, t] of [['2027-01-15', '09:45'], ['2027-07-15', '18:00'], ['2027-12-31', '23:55']]) {
      const iso = zonedIso(d, t, 'Europe/Paris');
      expect(localParts(iso)).toEqual({ date: d, time: t });
      expect(localParts(new Date(iso).toISOString(), 'Europe/Paris')).toEqual({ date: d, time: t });
    }
  });
  it('counts the minutes between two instants, whatever their offsets', () => {
    expect(minutesBetween('2027-03-01T10:00:00+01:00', '2027-03-01T11:30:00+01:00')).toBe(90);
    expect(minutesBetween('2027-03-01T10:00:00+01:00', '2027-03-01T10:00:00+00:00')).toBe(60);
  });
});

describe('today', () => {
  afterEach(() => {
    vi.useRealTimers();
  });
  it("is the salon zone's date, not the browser's", () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2027-03-01T23:30:00Z'));
    expect(todayIn('Europe/Paris')).toBe('2027-03-02');
    expect(todayIn('America/New_York')).toBe('2027-03-01');
  });
  it('falls back to UTC for an unknown zone', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2027-03-01T23:30:00Z'));
    expect(todayIn('Not/AZone')).toBe('2027-03-01');
  });
});

describe('formatting', () => {
  it('writes dates in the UI language, never shifted by the browser zone', () => {
    // (ICU versions differ on the comma after the weekday.)
    expect(plain(fmtDate('2027-03-01', 'en'))).toMatch(/^Monday,? 1 March 2027$/);
    expect(plain(fmtDate('2027-03-01', 'fr'))).toBe('lundi 1 mars 2027');
    expect(plain(fmtShortDate('2027-03-01', 'en'))).toMatch(/^Mon,? 1 Mar$/);
  });
  it('writes an instant as its local date and time', () => {
    expect(plain(fmtInstant('2027-03-01T10:00:00+01:00', 'en'))).toMatch(/^Mon,? 1 Mar 2027 10:00$/);
    expect(plain(fmtInstant('2027-03-01T23:30:00-05:00', 'fr'))).toBe('lun. 1 mars 2027 23:30');
    expect(fmtInstant(null, 'en')).toBe('');
    expect(fmtInstant(undefined, 'fr')).toBe('');
  });
  it('writes money from cents in the currency and language', () => {
    expect(plain(fmtMoney(1250, 'EUR', 'fr'))).toBe('12,50 €');
    expect(plain(fmtMoney(1250, 'EUR', 'en'))).toBe('€12.50');
    expect(plain(fmtMoney(0, 'GBP', 'en'))).toBe('£0.00');
    expect(fmtMoney(null)).toBe('');
    expect(fmtMoney(undefined)).toBe('');
  });
  it('falls back to a plain number for an unknown currency code', () => {
    expect(fmtMoney(1250, 'not a currency', 'en')).toBe('12.50');
  });
});
