// The salon's catalogue as the back office needs it: salon info, staff, services, resources, package types.
// Loaded once after login and reloaded when the settings pages change something.
import { useEffect, useState } from 'preact/hooks';
import { getPublicSalon, listPublicStaff } from '../portal/api/catalogue';
import type { Client, Hours, PackageType, PublicSalon, Resource, Service, Staff, StaffMe } from '../common/types';
import { clientsByIds, getClientFile } from './api/clients';
import { listPackageTypes, listResources, listServices, listStaff } from './api/catalogue';
import { currentSalonId, onSalonChange } from './salon';

export type { Hours, PackageType, Question, Resource, Service, Staff } from '../common/types';

/** The chosen salon's public settings (GET /api/portal/salon), opening hours always filled in. */
export type Salon = PublicSalon & { opening_hours: Hours[] };

export interface Catalog {
  salon: Salon;
  staff: Staff[];
  services: Service[];
  resources: Resource[];
  packageTypes: PackageType[];
  me: StaffMe | null;
}

let cache: Catalog | null = null;
let cacheSalonId: number | null = null; // the salon `cache` was loaded for (null: the only one)
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
  const salonId = currentSalonId();
  const p = (async () => {
    // In a network: the chosen salon's settings, its staff (with its hours rows only) and its prices.
    const inSalon = salonId === null ? {} : { salon_id: salonId };
    const [salonRaw, staffRaw, services, resources, packageTypes] = await Promise.all([
      safe<Partial<PublicSalon>>(getPublicSalon(inSalon), {}),
      safe<Staff[] | null>(listStaff(inSalon), null),
      safe(listServices(inSalon), []),
      safe(listResources(), []),
      safe(listPackageTypes(), []),
    ]);
    // Employees may not list staff: fall back to the public list (first names only).
    const staffAll: Staff[] = staffRaw ?? (await safe(listPublicStaff(inSalon), [])).map((s) => ({ ...s, service_ids: s.service_ids ?? [] }));
    const staff = salonId === null ? staffAll : staffAll.map((s) => ({ ...s, hours: hoursAt(s.hours, salonId) }));
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
      services: services.map((s) => ({ ...s, resource_ids: s.resource_ids ?? [] })),
      resources,
      packageTypes,
      me: cache?.me ?? null,
    };
    // A load started before the salon was switched must not overwrite the chosen salon's catalogue.
    if (salonId !== currentSalonId()) return loadCatalog(true);
    cache = c;
    cacheSalonId = salonId;
    listeners.forEach((fn) => fn(c));
    return c;
  })();
  loading = p;
  try {
    return await p;
  } finally {
    if (loading === p) loading = null;
  }
}

/** A staff member's hours rows at one salon (rows without a salon are the single-salon case). */
const hoursAt = (hours: Hours[] | undefined, salonId: number) =>
  (hours ?? []).filter((h) => h.salon_id === undefined || h.salon_id === null || h.salon_id === salonId);

// Switching salon: the catalogue is the new salon's (pages remount and read it again).
onSalonChange(() => {
  if (cache && cacheSalonId === currentSalonId()) return;
  cache = null;
  loadCatalog(true).catch(() => undefined);
});

export function setMe(me: StaffMe | null) {
  if (cache) cache.me = me;
  try {
    localStorage.setItem('creneau.staffMe', JSON.stringify(me));
  } catch {
    /* ignore */
  }
}

export function getMe(): StaffMe | null {
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

export { nextStaffColor, resourceName, serviceName, staffColor, staffName } from './catalogNames';

/** Client files, fetched once per id (appointments carry only client_id). */
const clientCache = new Map<number, Promise<Client>>();
const unknownClient = (id: number): Client => ({ id, first_name: `#${id}`, last_name: '' });
export function getClient(id: number, force = false): Promise<Client> {
  if (force || !clientCache.has(id)) {
    const p = getClientFile(id).catch(() => unknownClient(id));
    clientCache.set(id, p);
  }
  return clientCache.get(id)!;
}

/**
 * Many clients at once (the agenda's names): one `GET /api/clients?ids=` for those not already known,
 * by chunks of 100 ids so the query string stays short.
 */
export async function getClients(ids: number[]): Promise<Map<number, Client>> {
  const missing = [...new Set(ids)].filter((id) => !clientCache.has(id));
  for (let i = 0; i < missing.length; i += 100) {
    const chunk = missing.slice(i, i + 100);
    const batch = clientsByIds(chunk).then(
      (list) => new Map(list.map((c) => [c.id, c])),
      () => new Map<number, Client>(),
    );
    // An id the answer lacks (a file deleted meanwhile) is asked on its own.
    for (const id of chunk)
      clientCache.set(id, batch.then((m) => m.get(id) ?? getClientFile(id).catch(() => unknownClient(id))));
  }
  const out = new Map<number, Client>();
  await Promise.all([...new Set(ids)].map(async (id) => out.set(id, await clientCache.get(id)!)));
  return out;
}

export function forgetClient(id: number) {
  clientCache.delete(id);
}
