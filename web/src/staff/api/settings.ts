// Settings, the network and its salons (shared/api.md "Settings", "Salon networks").
import { api, itemsOf } from '../../common/api';
import type { List, Network, Salon, SalonInput, Settings } from '../../common/types';

/** GET /api/settings (the chosen salon's). */
export const getSettings = () => api<Settings>('GET', '/api/settings');

/** PATCH /api/settings: a JSON merge patch. */
export const patchSettings = (patch: Partial<Settings>) => api<Settings>('PATCH', '/api/settings', patch);

export const getNetwork = () => api<Network>('GET', '/api/network');
export const patchNetwork = (patch: Partial<Network>) => api<Network>('PATCH', '/api/network', patch);

/** GET /api/salons (admin: every salon). */
export const listSalons = async (limit?: number) =>
  itemsOf(await api<List<Salon>>('GET', '/api/salons', undefined, limit === undefined ? undefined : { limit }));

export const createSalon = (body: Partial<SalonInput>) => api<Salon>('POST', '/api/salons', body);
export const updateSalon = (id: number, body: Partial<SalonInput>) => api<Salon>('PATCH', `/api/salons/${id}`, body);
