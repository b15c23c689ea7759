// The pages a message links to, without logging in: waitlist offers, confirmation requests, unsubscribe
// (shared/api.md "Waitlist", "Appointments", "Privacy").
import { request } from '../../common/api';
import type { Appointment, Offer } from '../../common/types';

const offerPath = (token: string) => `/api/portal/offers/${encodeURIComponent(token)}`;

/** GET /api/portal/offers/{token}. */
export const getOffer = (token: string) => request<Offer>(offerPath(token));

/** POST /api/portal/offers/{token}/accept → the moved appointment (409 slot_taken when gone). */
export const acceptOffer = (token: string) => request<Appointment>(`${offerPath(token)}/accept`, { method: 'POST', body: {} });

/** POST /api/portal/confirm/{token} → the appointment, now approved. */
export const confirmByLink = (token: string) =>
  request<Appointment>(`/api/portal/confirm/${encodeURIComponent(token)}`, { method: 'POST', body: {} });

/** POST /api/portal/unsubscribe/{token}: no more marketing messages. */
export const unsubscribe = (token: string) =>
  request<void>(`/api/portal/unsubscribe/${encodeURIComponent(token)}`, { method: 'POST' });
