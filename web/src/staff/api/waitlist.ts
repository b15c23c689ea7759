// Freed slots and their candidates (shared/api.md "Waitlist").
import { api, itemsOf } from '../../common/api';
import type { FreedSlot, List } from '../../common/types';

/** GET /api/freed-slots (the chosen salon's). */
export const listFreedSlots = async () => itemsOf(await api<List<FreedSlot>>('GET', '/api/freed-slots', undefined, { limit: 500 }));

/** POST /api/freed-slots/{id}/notify: one waitlist offer per chosen appointment's client. */
export const notifyFreedSlot = (id: number, appointmentIds: number[]) =>
  api<FreedSlot>('POST', `/api/freed-slots/${id}/notify`, { appointment_ids: appointmentIds });
