// Names and colours from the catalogue: pure functions of a loaded Catalog (unit-tested with the agenda's layout).
import type { Catalog } from './catalog';

export const staffName = (c: Catalog, id?: number | null) => {
  const s = c.staff.find((x) => x.id === id);
  return s ? [s.first_name, s.last_name].filter(Boolean).join(' ') : id ? `#${id}` : '';
};
export const serviceName = (c: Catalog, id?: number | null) =>
  c.services.find((x) => x.id === id)?.name ?? (id ? `#${id}` : '');
export const resourceName = (c: Catalog, id?: number | null) =>
  c.resources.find((x) => x.id === id)?.name ?? (id ? `#${id}` : '');

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
