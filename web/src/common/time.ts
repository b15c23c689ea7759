// Dates and times in the salon's time zone. Local dates are 'YYYY-MM-DD' strings, times of day 'HH:MM'.
// Date arithmetic on local dates is done in UTC so the browser's own zone never leaks in.

export const pad = (n: number) => String(n).padStart(2, '0');

export function toMin(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + (m || 0);
}

export function fromMin(min: number): string {
  const m = ((min % 1440) + 1440) % 1440;
  return `${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
}

function dateToUtc(date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

function utcToDate(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

export function addDays(date: string, n: number): string {
  const d = dateToUtc(date);
  d.setUTCDate(d.getUTCDate() + n);
  return utcToDate(d);
}

/** 1 = Monday … 7 = Sunday (as in the API). */
export function weekday(date: string): number {
  const w = dateToUtc(date).getUTCDay();
  return w === 0 ? 7 : w;
}

export function startOfWeek(date: string): string {
  return addDays(date, 1 - weekday(date));
}

export function startOfMonth(date: string): string {
  return date.slice(0, 8) + '01';
}

export function addMonths(date: string, n: number): string {
  const d = dateToUtc(startOfMonth(date));
  d.setUTCMonth(d.getUTCMonth() + n);
  return utcToDate(d);
}

const partsCache = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(tz: string) {
  let f = partsCache.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: tz,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    partsCache.set(tz, f);
  }
  return f;
}

function zoneParts(ms: number, tz: string) {
  const out: Record<string, number> = {};
  for (const p of partsFormatter(tz).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return out;
}

/** The local date and time ('YYYY-MM-DD', 'HH:MM') of an instant, in the zone `tz`. */
export function localParts(iso: string, tz?: string): { date: string; time: string } {
  // The server answers in the salon's zone already: its wall-clock text is the local time.
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  if (m && (!tz || /[+-]\d{2}:?\d{2}$/.test(iso))) return { date: m[1], time: m[2] };
  const ms = Date.parse(iso);
  if (!tz || Number.isNaN(ms)) return { date: m ? m[1] : iso.slice(0, 10), time: m ? m[2] : '' };
  const p = zoneParts(ms, tz);
  return { date: `${p.year}-${pad(p.month)}-${pad(p.day)}`, time: `${pad(p.hour)}:${pad(p.minute)}` };
}

export const isoDate = (iso: string) => localParts(iso).date;
export const isoTime = (iso: string) => localParts(iso).time;

/** Minutes east of UTC of zone `tz` at instant `ms`. */
function offsetAt(ms: number, tz: string): number {
  const p = zoneParts(ms, tz);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour % 24, p.minute, p.second);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60000);
}

/** 'YYYY-MM-DDTHH:MM:00+HH:MM' for a wall-clock date and time in zone `tz`. */
export function zonedIso(date: string, time: string, tz: string): string {
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  const guess = Date.UTC(y, mo - 1, d, h, mi);
  let off = 0;
  try {
    off = offsetAt(guess, tz);
    off = offsetAt(guess - off * 60000, tz);
  } catch {
    off = -new Date(guess).getTimezoneOffset();
  }
  const sign = off >= 0 ? '+' : '-';
  const a = Math.abs(off);
  return `${date}T${time}:00${sign}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}

export function todayIn(tz?: string): string {
  try {
    const p = zoneParts(Date.now(), tz || Intl.DateTimeFormat().resolvedOptions().timeZone);
    return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
  } catch {
    return utcToDate(new Date());
  }
}

export function fmtDate(date: string, lang: string, opts: Intl.DateTimeFormatOptions = {}): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'fr-FR', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
    ...opts,
  }).format(dateToUtc(date));
}

export function fmtShortDate(date: string, lang: string): string {
  return fmtDate(date, lang, { weekday: 'short', day: 'numeric', month: 'short', year: undefined });
}

/** '2027-03-01T10:00:00+01:00' → 'lun. 1 mars 2027 10:00'. */
export function fmtInstant(iso: string | null | undefined, lang: string): string {
  if (!iso) return '';
  const { date, time } = localParts(iso);
  return `${fmtDate(date, lang, { weekday: 'short', month: 'short' })} ${time}`;
}

export function fmtMoney(cents: number | null | undefined, currency = 'EUR', lang = 'fr'): string {
  if (cents === null || cents === undefined) return '';
  try {
    return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'fr-FR', { style: 'currency', currency }).format(
      cents / 100,
    );
  } catch {
    return (cents / 100).toFixed(2);
  }
}

export function minutesBetween(startIso: string, endIso: string): number {
  return Math.round((Date.parse(endIso) - Date.parse(startIso)) / 60000);
}
