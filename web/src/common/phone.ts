// Phone numbers are stored in E.164 (+33610021936); people read them in their country's national format
// (06 10 02 19 36). Only the countries the server normalises are known here; other numbers stay as stored.

const CODES: Record<string, string> = { FR: '33', BE: '32', CH: '41', GB: '44' };

/** Splits digits into groups of the given sizes (the last group takes what is left). */
function groups(digits: string, sizes: number[]): string {
  const out: string[] = [];
  let i = 0;
  for (const n of sizes) {
    if (i >= digits.length) break;
    out.push(digits.slice(i, i + n));
    i += n;
  }
  if (i < digits.length) out.push(digits.slice(i));
  return out.join(' ');
}

function national(country: string, n: string): string | null {
  switch (country) {
    case 'FR':
      return n.length === 9 ? groups('0' + n, [2, 2, 2, 2, 2]) : null;
    case 'BE':
      if (n.length === 9 && n[0] === '4') return groups('0' + n, [4, 2, 2, 2]);
      if (n.length === 8) return /^[2349]/.test(n) ? groups('0' + n, [2, 3, 2, 2]) : groups('0' + n, [3, 2, 2, 2]);
      return null;
    case 'CH':
      return n.length === 9 ? groups('0' + n, [3, 3, 2, 2]) : null;
    case 'GB':
      if (n.length !== 10) return null;
      if (n[0] === '7') return groups('0' + n, [5, 6]);
      if (n.startsWith('20')) return groups('0' + n, [3, 4, 4]);
      return groups('0' + n, [5, 6]);
    default:
      return null;
  }
}

/**
 * '+33610021936' in a French salon → '06 10 02 19 36'. A number of another country keeps its prefix,
 * grouped ('+32 470 12 34 56' in a French salon is shown as '+32 470123456'); anything that is not E.164
 * is shown as it was typed.
 */
export function formatPhone(phone: string | null | undefined, country = 'FR'): string {
  if (!phone) return '';
  const m = /^\+(\d{6,15})$/.exec(phone.replace(/[\s.\-()]/g, ''));
  if (!m) return phone;
  const digits = m[1];
  const code = CODES[country.toUpperCase()];
  if (code && digits.startsWith(code)) {
    const n = national(country.toUpperCase(), digits.slice(code.length));
    if (n) return n;
  }
  const other = Object.values(CODES).find((c) => digits.startsWith(c));
  return other ? `+${other} ${digits.slice(other.length)}` : `+${digits}`;
}
