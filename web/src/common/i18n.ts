// French by default, English on request. The language is kept in localStorage and changing it re-renders
// every component that called useLang().
import { useEffect, useState } from 'preact/hooks';
import { fr } from './i18n-fr';
import { en } from './i18n-en';
import { netEn, netFr } from './i18n-net';

// The network screens' texts join the main dictionaries (one lookup, one fallback to French).
Object.assign(fr, netFr);
Object.assign(en, netEn);

export type Lang = 'fr' | 'en';
const DICTS: Record<Lang, Record<string, string>> = { fr, en };
const KEY = 'creneau.lang';

let current: Lang = (() => {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'en' ? 'en' : 'fr';
  } catch {
    return 'fr';
  }
})();
const listeners = new Set<(l: Lang) => void>();

export function getLang(): Lang {
  return current;
}

export function setLang(l: Lang) {
  current = l;
  try {
    localStorage.setItem(KEY, l);
  } catch {
    /* private mode */
  }
  document.documentElement.lang = l;
  listeners.forEach((fn) => fn(l));
}

/** t('clients.total', {n: 3}) → "3 clients". Unknown keys fall back to French, then to the key itself. */
export function t(key: string, vars?: Record<string, string | number>): string {
  let s = DICTS[current][key] ?? fr[key] ?? key;
  if (vars) s = s.replace(/\{(\w+)\}/g, (_, k) => (vars[k] !== undefined ? String(vars[k]) : `{${k}}`));
  return s;
}

/** t() for keys built from server values (e.g. a relation): unknown values are shown as they are. */
export function tv(prefix: string, value: string | null | undefined): string {
  if (!value) return '';
  const k = `${prefix}.${value}`;
  return DICTS[current][k] ?? fr[k] ?? value;
}

/** Plural helper: key + '.one' / '.other'. */
export function tn(key: string, n: number, vars?: Record<string, string | number>): string {
  return t(`${key}.${n === 1 || (current === 'fr' && n === 0) ? 'one' : 'other'}`, { n, ...vars });
}

export function useLang(): Lang {
  const [lang, set] = useState(current);
  useEffect(() => {
    listeners.add(set);
    document.documentElement.lang = current;
    return () => {
      listeners.delete(set);
    };
  }, []);
  return lang;
}

/** "10 séances, 3 utilisées (1 absence), 7 restantes" */
export function packageSummary(p: { sessions: number; used: number; no_shows: number; remaining: number }): string {
  return [
    tn('pkg.sessions', p.sessions),
    tn('pkg.used', p.used) + (p.no_shows ? ` (${tn('pkg.noShows', p.no_shows)})` : ''),
    tn('pkg.remaining', p.remaining),
  ].join(', ');
}
