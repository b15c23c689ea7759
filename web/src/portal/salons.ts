// The network's salons as the portal sees them: the public list (GET /api/portal/salons), one salon by slug
// (/book/{slug}), and what a client chose on the salon chooser (services, maybe a slot) for the booking page.
import { useEffect, useState } from 'preact/hooks';
import { itemsOf, request } from '../common/api';

export interface PortalSalon {
  id: number;
  name: string;
  slug: string;
  address?: string;
  postal_code?: string;
  city?: string;
  phone?: string;
  timezone?: string;
}

let listP: Promise<PortalSalon[]> | null = null;
/** Every salon of the network; empty on a server without networks. */
export function getNetworkSalons(): Promise<PortalSalon[]> {
  if (!listP) listP = request('/api/portal/salons', { query: { limit: 500 } }).then((r) => itemsOf<PortalSalon>(r), () => []);
  return listP;
}

export function useNetworkSalons(): PortalSalon[] | null {
  const [list, set] = useState<PortalSalon[] | null>(null);
  useEffect(() => {
    getNetworkSalons().then(set);
  }, []);
  return list;
}

// Paths under /book that are pages of the portal, never a salon's slug.
const RESERVED = new Set(['login', 'register', 'forgot', 'reset', 'me', 'offers', 'confirm', 'unsubscribe', 'account']);

/** The slug of /book/{slug}, or null for every other path. */
export function slugOfPath(path: string): string | null {
  const m = /^\/book\/([a-z0-9-]+)\/?$/.exec(path);
  return m && !RESERVED.has(m[1]) ? m[1] : null;
}

const bySlug = new Map<string, Promise<any>>();
/** GET /api/portal/salon?slug= (the salon's settings plus its id, slug and address); null when unknown. */
export function getSalonBySlug(slug: string): Promise<any | null> {
  if (!bySlug.has(slug)) bySlug.set(slug, request('/api/portal/salon', { query: { slug } }).catch(() => null));
  return bySlug.get(slug)!;
}

/** The salon a page is about: the one of /book/{slug} (undefined while loading, null if unknown). */
export function useSlugSalon(slug: string | null): any | null | undefined {
  const [s, set] = useState<any | null | undefined>(slug ? undefined : null);
  useEffect(() => {
    if (!slug) return set(null);
    set(undefined);
    getSalonBySlug(slug).then(set);
  }, [slug]);
  return s;
}

export const salonAddress = (s: { address?: string; postal_code?: string; city?: string } | null | undefined) =>
  s ? [s.address, [s.postal_code, s.city].filter(Boolean).join(' ')].filter(Boolean).join(', ') : '';

/** What the chooser hands to the salon's booking page: the services ticked and, maybe, the slot tapped. */
export interface Carry {
  salonId: number;
  serviceIds: number[];
  audience: string;
  slot?: any;
}
let carried: Carry | null = null;
export function carryChoice(c: Carry) {
  carried = c;
}
/** The chooser's choice for that salon, once (a later visit of the page starts fresh). */
export function takeChoice(salonId: number): Carry | null {
  const c = carried && carried.salonId === salonId ? carried : null;
  carried = null;
  return c;
}

/**
 * The network's catalogue for the portal: GET /api/portal/services without a salon, or, where the server
 * wants a salon named, every service some salon offers (each once, in the first salon's order).
 */
export async function networkServices(salons: PortalSalon[], audience = ''): Promise<any[]> {
  const list = (r: any) => (Array.isArray(r) ? r : r?.items ?? []);
  try {
    return list(await request('/api/portal/services', { query: { audience } }));
  } catch {
    const per = await Promise.all(
      salons.map((s) => request('/api/portal/services', { query: { audience, salon_id: s.id } }).then(list, () => [])),
    );
    return [...new Map(per.flat().map((x: any) => [x.id, x])).values()];
  }
}
