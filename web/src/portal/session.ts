// Portal session: the client's token (kept apart from the staff token), GET /api/portal/me, navigation.
import { useEffect, useState } from 'preact/hooks';
import { getToken, papi, request, setToken } from '../common/api';

export interface Me {
  account: any;
  client: any | null;
  members: any[];
  packages: any[];
}

let me: Me | null = null;
const listeners = new Set<(m: Me | null) => void>();

function normalise(r: any): Me {
  const account = r?.account ?? r;
  const client = r?.client ?? r?.client_file ?? null;
  const members = r?.members ?? client?.members ?? [];
  const packages = r?.packages ?? client?.packages ?? [];
  return { account, client, members, packages };
}

export async function refreshMe(): Promise<Me | null> {
  if (!getToken('portal')) {
    me = null;
  } else {
    try {
      me = normalise(await papi('GET', '/api/portal/me'));
    } catch {
      me = null;
    }
  }
  listeners.forEach((fn) => fn(me));
  return me;
}

export function loggedIn(): boolean {
  return !!getToken('portal');
}

export async function signIn(token: string) {
  setToken('portal', token);
  await refreshMe();
}

export async function signOut() {
  try {
    await papi('POST', '/api/portal/logout');
  } catch {
    /* the token may already be gone */
  }
  setToken('portal', null);
  me = null;
  listeners.forEach((fn) => fn(null));
}

export function useMe(): [Me | null, boolean] {
  const [m, set] = useState<Me | null>(me);
  const [ready, setReady] = useState(!!me || !getToken('portal'));
  useEffect(() => {
    listeners.add(set);
    // A refresh that ended between the first render and now was not heard: take its result.
    if (me) {
      set(me);
      setReady(true);
    }
    if (!me && getToken('portal')) refreshMe().finally(() => setReady(true));
    return () => {
      listeners.delete(set);
    };
  }, []);
  return [m, ready];
}

export const memberId = (m: any): number => m.member_id ?? m.client_id ?? m.id;

// Paths: /book, /book/login, /book/register, /book/forgot, /book/reset?token=, /book/me, /book/offers/{token}
const pathListeners = new Set<(p: string) => void>();
export function navigate(path: string) {
  history.pushState(null, '', path);
  pathListeners.forEach((fn) => fn(location.pathname));
  window.scrollTo(0, 0);
}
export function usePath(): string {
  const [p, set] = useState(location.pathname);
  useEffect(() => {
    const on = () => set(location.pathname);
    pathListeners.add(set);
    window.addEventListener('popstate', on);
    return () => {
      pathListeners.delete(set);
      window.removeEventListener('popstate', on);
    };
  }, []);
  return p;
}

/** Public catalogue, fetched once. */
let salonP: Promise<any> | null = null;
export function getSalon(): Promise<any> {
  if (!salonP) salonP = request('/api/portal/salon').catch(() => ({ timezone: 'Europe/Paris', currency: 'EUR' }));
  return salonP;
}
const staffP = new Map<string, Promise<any[]>>();
/** The public staff list; with a salon, those who work there. */
export function getPublicStaff(salonId?: number | null): Promise<any[]> {
  const key = String(salonId ?? '');
  if (!staffP.has(key))
    staffP.set(key, request<any>('/api/portal/staff', { query: { salon_id: salonId } })
      .then((r) => (Array.isArray(r) ? r : r?.items ?? []))
      .then((list: any[]) => (salonId ? list.filter((s) => !Array.isArray(s.salon_ids) || s.salon_ids.includes(salonId)) : list))
      .catch(() => []));
  return staffP.get(key)!;
}
const servicesP = new Map<string, Promise<any[]>>();
/** The public catalogue; with a salon, what it offers at its prices. */
export function getAllServices(salonId?: number | null): Promise<any[]> {
  const key = String(salonId ?? '');
  if (!servicesP.has(key))
    servicesP.set(key, request<any>('/api/portal/services', { query: { salon_id: salonId } })
      .then((r) => (Array.isArray(r) ? r : r?.items ?? []))
      .catch(() => []));
  return servicesP.get(key)!;
}
