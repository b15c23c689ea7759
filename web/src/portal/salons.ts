// The network's salons as the portal sees them: the public list (GET /api/portal/salons), one salon by slug
// (/book/{slug}), and what a client chose on the salon chooser (services, maybe a slot) for the booking page.
import { useEffect, useState } from 'preact/hooks';
import type { PortalSalon, PublicSalon, Service, Slot } from '../common/types';
import { getPublicSalon, listPublicSalons, listPublicServices } from './api/catalogue';

export type { PortalSalon };

let listP: Promise<PortalSalon[]> | null = null;
/** Every salon of the network; empty on a server without networks. */
export function getNetworkSalons(): Promise<PortalSalon[]> {
  if (!listP) listP = listPublicSalons().catch((): PortalSalon[] => []);
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

const bySlug = new Map<string, Promise<PublicSalon | null>>();
/** GET /api/portal/salon?slug= (the salon's settings plus its id, slug and address); null when unknown. */
export function getSalonBySlug(slug: string): Promise<PublicSalon | null> {
  if (!bySlug.has(slug)) bySlug.set(slug, getPublicSalon({ slug }).catch(() => null));
  return bySlug.get(slug)!;
}

/** The salon a page is about: the one of /book/{slug} (undefined while loading, null if unknown). */
export function useSlugSalon(slug: string | null): PublicSalon | null | undefined {
  const [s, set] = useState<PublicSalon | null | undefined>(slug ? undefined : null);
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
  slot?: Slot;
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
export async function networkServices(salons: PortalSalon[], audience = ''): Promise<Service[]> {
  try {
    return await listPublicServices({ audience });
  } catch {
    const per = await Promise.all(
      salons.map((s) => listPublicServices({ audience, salon_id: s.id }).catch((): Service[] => [])),
    );
    return [...new Map(per.flat().map((x) => [x.id, x])).values()];
  }
}
