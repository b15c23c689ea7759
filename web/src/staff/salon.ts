// Which salon of the network the back office is looking at. The admin sees every salon, a manager or an
// employee the salons they work at; the choice is remembered per browser. While the caller sees a single
// salon nothing changes (no switcher, no salon_id sent: the server knows which one).
import { useEffect, useState } from 'preact/hooks';
import { setSalonScope } from '../common/api';
import type { PortalSalon, StaffMe } from '../common/types';
import { listPublicSalons } from '../portal/api/catalogue';
import { listSalons } from './api/settings';

/** A salon of the network as the back office lists it (GET /api/salons, else the public list). */
export type NetSalon = PortalSalon & { email?: string };

const KEY = 'creneau.salonId';
let salons: NetSalon[] = [];
let current: number | null = readSaved();
let loaded = false;
let networkSize = 0; // salons in the whole network (the caller may see fewer)
const listeners = new Set<() => void>();

function readSaved(): number | null {
  try {
    const v = Number(localStorage.getItem(KEY));
    return Number.isInteger(v) && v > 0 ? v : null;
  } catch {
    return null;
  }
}

/**
 * The salon the back office is about while the network has several (the chosen one, or the caller's only
 * one), else null: a single-salon deployment names no salon, exactly as before networks.
 */
export function currentSalonId(): number | null {
  return networkSize > 1 ? current : null;
}

/** The salons the caller may see (empty until loaded, or on a server without networks). */
export function visibleSalons(): NetSalon[] {
  return salons;
}

export const salonNameOf = (id?: number | null) => salons.find((s) => s.id === id)?.name ?? (id ? `#${id}` : '');

export function onSalonChange(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function chooseSalon(id: number) {
  if (id === current) return;
  current = id;
  try {
    localStorage.setItem(KEY, String(id));
  } catch {
    /* private mode: the choice lasts for this page only */
  }
  listeners.forEach((fn) => fn());
}

/**
 * Loads the salons `me` may see: GET /api/salons (every salon for an admin), else the public list; a manager
 * or employee keeps those of their `salon_ids`. The remembered choice survives when it is still visible.
 */
export async function loadSalons(me: StaffMe | null): Promise<NetSalon[]> {
  const everySalon = listPublicSalons().then((l): NetSalon[] => l, (): NetSalon[] => []);
  let list: NetSalon[];
  try {
    list = await listSalons(500);
  } catch {
    list = await everySalon;
  }
  const size = Math.max(list.length, (await everySalon).length);
  const mine = me && me.role !== 'admin' && Array.isArray(me.salon_ids) ? me.salon_ids : null;
  if (mine) list = list.filter((s) => mine.includes(s.id));
  const before = currentSalonId();
  const changed = !loaded || size !== networkSize || JSON.stringify(list) !== JSON.stringify(salons);
  salons = list;
  networkSize = size;
  loaded = true;
  if (!list.some((s) => s.id === current)) current = list[0]?.id ?? null;
  if (changed || currentSalonId() !== before) listeners.forEach((fn) => fn());
  return list;
}

/** Whether the salons the caller sees are known yet (pages wait for it, so they never show another salon's data). */
export function salonsLoaded(): boolean {
  return loaded;
}

export function forgetSalons() {
  salons = [];
  networkSize = 0;
  loaded = false;
}

/** [visible salons, chosen id]; re-renders when either changes. */
export function useSalons(): [NetSalon[], number | null] {
  const [, bump] = useState(0);
  useEffect(() => onSalonChange(() => bump((n) => n + 1)), []);
  return [salons, salons.length ? current : null];
}

// The contract's salon-scoped routes that the back office calls: each goes to the chosen salon.
const SCOPED: [string, RegExp][] = [
  ['GET', /^\/api\/appointments$/],
  ['POST', /^\/api\/appointments$/],
  ['GET', /^\/api\/availability$/],
  ['GET', /^\/api\/settings$/],
  ['PATCH', /^\/api\/settings$/],
  ['GET', /^\/api\/resources$/],
  ['POST', /^\/api\/resources$/],
  ['GET', /^\/api\/freed-slots$/],
  ['POST', /^\/api\/clients\/\d+\/packages$/],
];
setSalonScope((method, path) => {
  const id = currentSalonId();
  if (id === null) return null;
  return SCOPED.some(([m, re]) => m === method && re.test(path)) ? id : null;
});
