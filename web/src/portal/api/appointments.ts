// The client's appointments and the slots they may book (shared/api.md "Appointments", "Availability").
import { papi, itemsOf } from '../../common/api';
import type { Appointment, Availability, List, PortalAppointmentInput } from '../../common/types';

/** GET /api/portal/appointments: the account's own and its members'. */
export const listMyAppointments = async () =>
  itemsOf(await papi<List<Appointment>>('GET', '/api/portal/appointments', undefined, { limit: 500 }));

/** POST /api/portal/appointments → 201. */
export const bookAppointment = (body: PortalAppointmentInput) => papi<Appointment>('POST', '/api/portal/appointments', body);

export const cancelMyAppointment = (id: number) => papi<Appointment>('POST', `/api/portal/appointments/${id}/cancel`, {});

/** PATCH /api/portal/appointments/{id} {start}: reschedule. */
export const rescheduleMyAppointment = (id: number, start: string) =>
  papi<Appointment>('PATCH', `/api/portal/appointments/${id}`, { start });

export type PortalAvailabilityQuery = { from: string; to: string; salon_id?: number } & (
  | { appointment_id: number }
  | { service_ids: string; staff_id?: number }
);
/** GET /api/portal/availability (booking rules applied; with appointment_id: where it may move). */
export const getPortalAvailability = (q: PortalAvailabilityQuery) =>
  papi<Availability>('GET', '/api/portal/availability', undefined, { ...q });
