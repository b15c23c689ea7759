// Portal session: the client's token (kept apart from the staff token), GET /api/portal/me, navigation.
import { useEffect, useState } from 'preact/hooks';
import { getToken, setToken } from '../common/api';
import type { Account, Member, PortalMe, PublicSalon, PublicStaff, Service } from '../common/types';
import { getPortalMe, portalLogout } from './api/account';
import { getPublicSalon, listPublicServices, listPublicStaff } from './api/catalogue';

export type Me = PortalMe;

let me: Me | null = null;
const listeners = new Set<(m: Me | null) => void>();

/** GET /api/portal/me, lenient with an older answer that was the account itself or named the file client_file. */
function normalise(r: Awaited<ReturnType<typeof getPortalMe>>): Me {
  const account = r?.account ?? (r as Account);
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
      me = normalise(await getPortalMe());
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
    await portalLogout();
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

export const memberId = (m: Member): number => (m.member_id ?? m.client_id ?? m.id)!;

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
let salonP: Promise<PublicSalon> | null = null;
export function getSalon(): Promise<PublicSalon> {
  if (!salonP) salonP = getPublicSalon().catch((): PublicSalon => ({ timezone: 'Europe/Paris', currency: 'EUR' }));
  return salonP;
}
const staffP = new Map<string, Promise<PublicStaff[]>>();
/** The public staff list; with a salon, those who work there. */
export function getPublicStaff(salonId?: number | null): Promise<PublicStaff[]> {
  const key = String(salonId ?? '');
  if (!staffP.has(key))
    staffP.set(key, listPublicStaff({ salon_id: salonId })
      .then((list) => (salonId ? list.filter((s) => !Array.isArray(s.salon_ids) || s.salon_ids.includes(salonId)) : list))
      .catch(() => []));
  return staffP.get(key)!;
}
const servicesP = new Map<string, Promise<Service[]>>();
/** The public catalogue; with a salon, what it offers at its prices. */
export function getAllServices(salonId?: number | null): Promise<Service[]> {
  const key = String(salonId ?? '');
  if (!servicesP.has(key))
    servicesP.set(key, listPublicServices({ salon_id: salonId }).catch((): Service[] => []));
  return servicesP.get(key)!;
}
