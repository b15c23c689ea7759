// The salon's catalogue as the back office needs it: salon info, staff, services, resources, package types.
// Loaded once after login and reloaded when the settings pages change something.
import { useEffect, useState } from 'preact/hooks';
import { api, itemsOf, request } from '../common/api';

export interface Hours {
  weekday: number;
  start: string;
  end: string;
}
export interface Staff {
  id: number;
  first_name: string;
  last_name?: string;
  email?: string;
  phone?: string;
  role?: string;
  service_ids: number[];
  hours?: Hours[];
  /** '#RRGGBB', chosen on the staff screen; the agenda draws that person's appointments in it. */
  color?: string;
}
export interface Question {
  key: string;
  question: string;
  required?: boolean;
}
export interface Service {
  id: number;
  name: string;
  category?: string;
  audience?: string;
  duration_minutes: number;
  price_cents: number;
  resource_ids: number[];
  capacity?: number;
  package_only?: boolean;
  discovery?: boolean;
  questionnaire?: Question[];
}
export interface Resource {
  id: number;
  name: string;
}
export interface PackageType {
  id: number;
  name: string;
  sessions: number;
  service_ids: number[];
  audience?: string;
  validity_days?: number;
}
export interface Salon {
  name?: string;
  timezone: string;
  currency: string;
  country?: string;
  opening_hours: Hours[];
  booking?: { slot_step_minutes?: number; min_notice_minutes?: number; max_advance_days?: number };
  preferred_staff_selection?: boolean;
  waitlist_mode?: string;
  waitlist?: { mode?: string };
}
export interface Catalog {
  salon: Salon;
  staff: Staff[];
  services: Service[];
  resources: Resource[];
  packageTypes: PackageType[];
  me: any;
}

let cache: Catalog | null = null;
let loading: Promise<Catalog> | null = null;
const listeners = new Set<(c: Catalog) => void>();

async function safe<T>(p: Promise<T>, fallback: T): Promise<T> {
  try {
    return await p;
  } catch {
    return fallback;
  }
}

export async function loadCatalog(force = false): Promise<Catalog> {
  if (cache && !force) return cache;
  if (loading && !force) return loading;
  loading = (async () => {
    const [salonRaw, staffRaw, services, resources, packageTypes] = await Promise.all([
      safe(request<any>('/api/portal/salon'), {}),
      safe(api('GET', '/api/staff', undefined, { limit: 500 }), null),
      safe(api('GET', '/api/services', undefined, { limit: 500 }), []),
      safe(api('GET', '/api/resources', undefined, { limit: 500 }), []),
      safe(api('GET', '/api/package_types', undefined, { limit: 500 }), []),
    ]);
    // Employees may not list staff: fall back to the public list (first names only).
    const staff = staffRaw ? itemsOf<Staff>(staffRaw) : itemsOf<Staff>(await safe(request('/api/portal/staff'), []));
    const salon: Salon = {
      timezone: 'Europe/Paris',
      currency: 'EUR',
      opening_hours: [],
      ...salonRaw,
    };
    if (!salon.opening_hours || !salon.opening_hours.length) {
      salon.opening_hours = [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, start: '09:00', end: '19:00' }));
    }
    const c: Catalog = {
      salon,
      staff: staff.map((s) => ({ ...s, service_ids: s.service_ids ?? [] })),
      services: itemsOf<Service>(services).map((s) => ({ ...s, resource_ids: s.resource_ids ?? [] })),
      resources: itemsOf<Resource>(resources),
      packageTypes: itemsOf<PackageType>(packageTypes),
      me: cache?.me ?? null,
    };
    cache = c;
    listeners.forEach((fn) => fn(c));
    return c;
  })();
  try {
    return await loading;
  } finally {
    loading = null;
  }
}

export function setMe(me: any) {
  if (cache) cache.me = me;
  try {
    localStorage.setItem('creneau.staffMe', JSON.stringify(me));
  } catch {
    /* ignore */
  }
}

export function getMe(): any {
  try {
    return JSON.parse(localStorage.getItem('creneau.staffMe') || 'null');
  } catch {
    return null;
  }
}

export function clearCatalog() {
  cache = null;
}

export function useCatalog(): Catalog | null {
  const [c, set] = useState<Catalog | null>(cache);
  useEffect(() => {
    listeners.add(set);
    if (!cache) loadCatalog().then(set, () => undefined);
    return () => {
      listeners.delete(set);
    };
  }, []);
  return c;
}

export const staffName = (c: Catalog, id?: number | null) => {
  const s = c.staff.find((x) => x.id === id);
  return s ? [s.first_name, s.last_name].filter(Boolean).join(' ') : id ? `#${id}` : '';
};
export const serviceName = (c: Catalog, id?: number | null) =>
  c.services.find((x) => x.id === id)?.name ?? (id ? `#${id}` : '');
export const resourceName = (c: Catalog, id?: number | null) =>
  c.resources.find((x) => x.id === id)?.name ?? (id ? `#${id}` : '');

/** Client files, fetched once per id (appointments carry only client_id). */
const clientCache = new Map<number, Promise<any>>();
const unknownClient = (id: number) => ({ id, first_name: `#${id}`, last_name: '' });
export function getClient(id: number, force = false): Promise<any> {
  if (force || !clientCache.has(id)) {
    const p = api('GET', `/api/clients/${id}`).catch(() => unknownClient(id));
    clientCache.set(id, p);
  }
  return clientCache.get(id)!;
}

/**
 * Many clients at once (the agenda's names): one `GET /api/clients?ids=` for those not already known,
 * by chunks of 100 ids so the query string stays short.
 */
export async function getClients(ids: number[]): Promise<Map<number, any>> {
  const missing = [...new Set(ids)].filter((id) => !clientCache.has(id));
  for (let i = 0; i < missing.length; i += 100) {
    const chunk = missing.slice(i, i + 100);
    const batch = api('GET', '/api/clients', undefined, { ids: chunk.join(','), limit: chunk.length }).then(
      (r) => new Map(itemsOf(r).map((c: any) => [c.id as number, c])),
      () => new Map<number, any>(),
    );
    // An id the answer lacks (a file deleted meanwhile) is asked on its own.
    for (const id of chunk)
      clientCache.set(id, batch.then((m) => m.get(id) ?? api('GET', `/api/clients/${id}`).catch(() => unknownClient(id))));
  }
  const out = new Map<number, any>();
  await Promise.all([...new Set(ids)].map(async (id) => out.set(id, await clientCache.get(id)!)));
  return out;
}

export function forgetClient(id: number) {
  clientCache.delete(id);
}

/** Colours for staff who have none yet (dark enough for white text, distinct side by side). */
const PALETTE = ['#6d3fc0', '#1f7a8c', '#b5446e', '#2e7d32', '#c05621', '#3559b7', '#8a6d00', '#7b4b94'];
export function staffColor(c: Catalog | null, id?: number | null): string {
  const list = c?.staff ?? [];
  const s = list.find((x) => x.id === id);
  if (s?.color && /^#[0-9a-fA-F]{6}$/.test(s.color)) return s.color;
  const i = Math.max(0, list.findIndex((x) => x.id === id));
  return PALETTE[i % PALETTE.length];
}

/** A colour for a new staff member: the next one of the palette. */
export const nextStaffColor = (c: Catalog | null) => PALETTE[(c?.staff.length ?? 0) % PALETTE.length];
