// The public catalogue (no token): salons, a salon's settings, services, staff, the nearest slots by salon
// (shared/api.md "Public catalogue", "Salon networks"). The back office reads some of it too.
import { request, itemsOf } from '../../common/api';
import type { List, NextSlot, PortalSalon, PublicSalon, PublicStaff, Service } from '../../common/types';

/** A list answer, or a bare array from an older server. */
type Listed<T> = List<T> | T[];

/** GET /api/portal/salon[?salon_id=|slug=]. */
export const getPublicSalon = (q: { salon_id?: number | null; slug?: string } = {}) =>
  request<PublicSalon>('/api/portal/salon', { query: q });

/** GET /api/portal/salons. */
export const listPublicSalons = async () =>
  itemsOf(await request<Listed<PortalSalon>>('/api/portal/salons', { query: { limit: 500 } }));

/** GET /api/portal/services[?audience=][&salon_id=]: the bookable (offered) services. */
export const listPublicServices = async (q: { audience?: string; salon_id?: number | null } = {}) =>
  itemsOf(await request<Listed<Service>>('/api/portal/services', { query: q }));

/** GET /api/portal/staff[?salon_id=]: first names and services only. */
export const listPublicStaff = async (q: { salon_id?: number | null } = {}) =>
  itemsOf(await request<Listed<PublicStaff>>('/api/portal/staff', { query: q }));

/** GET /api/portal/next_slots: for each salon offering every service, its earliest slot. */
export const nextSlots = async (serviceIds: number[], from: string) =>
  itemsOf(await request<List<NextSlot>>('/api/portal/next_slots', { query: { service_ids: serviceIds.join(','), from } }));
