// Appointments, availability and staff time off, as the back office calls them (shared/api.md "Appointments",
// "Availability"). Salon-scoped routes get the chosen salon's id from common/api.ts's salon scope.
import { api, itemsOf, type Query } from '../../common/api';
import type { Appointment, AppointmentInput, Availability, List, TimeOff } from '../../common/types';

export interface AppointmentQuery {
  from: string;
  to: string;
  staff_id?: number;
  resource_id?: number;
  client_id?: number;
  status?: string;
  limit?: number;
  offset?: number;
  /** null: every salon the caller may see (the scope adds the chosen salon otherwise). */
  salon_id?: number | null;
}

/** GET /api/appointments (local dates, both inclusive). */
export const listAppointments = async (q: AppointmentQuery) =>
  itemsOf(await api<List<Appointment>>('GET', '/api/appointments', undefined, { ...q }));

export const getAppointment = (id: number) => api<Appointment>('GET', `/api/appointments/${id}`);

/** POST /api/appointments → 201 with the appointment. */
export const createAppointment = (body: AppointmentInput) => api<Appointment>('POST', '/api/appointments', body);

/** PATCH /api/appointments/{id}: moves or edits it. */
export const updateAppointment = (id: number, body: AppointmentInput) =>
  api<Appointment>('PATCH', `/api/appointments/${id}`, body);

export const cancelAppointment = (id: number, reason: string) =>
  api<Appointment>('POST', `/api/appointments/${id}/cancel`, { reason });

/** DELETE /api/appointments/{id} → 204. */
export const deleteAppointment = (id: number) => api<void>('DELETE', `/api/appointments/${id}`);

export const confirmAppointment = (id: number) => api<Appointment>('POST', `/api/appointments/${id}/confirm`);

export const setNoShow = (id: number, noShow: boolean) =>
  api<Appointment>('POST', `/api/appointments/${id}/no_show`, { no_show: noShow });

export const setArrived = (id: number, arrived: boolean) =>
  api<Appointment>('POST', `/api/appointments/${id}/arrived`, { arrived });

export const setPaid = (id: number, paid: boolean, paymentMethod: string) =>
  api<Appointment>('POST', `/api/appointments/${id}/paid`, { paid, payment_method: paymentMethod });

export interface AvailabilityQuery {
  service_ids: number[];
  from: string;
  to: string;
  staff_id?: number;
  client_id?: number;
}
/** GET /api/availability. */
export const getAvailability = (q: AvailabilityQuery) => {
  const query: Query = { ...q, service_ids: q.service_ids.join(',') };
  return api<Availability>('GET', '/api/availability', undefined, query);
};

/** GET /api/time_off: the absences of the range. */
export const listTimeOff = async (from: string, to: string) =>
  itemsOf(await api<List<TimeOff>>('GET', '/api/time_off', undefined, { from, to, limit: 500 }));

/** POST /api/staff/{id}/time_off → 201. */
export const addTimeOff = (staffId: number, body: { start: string; end: string; reason: string }) =>
  api<TimeOff>('POST', `/api/staff/${staffId}/time_off`, body);

export const deleteTimeOff = (staffId: number, id: number) => api<void>('DELETE', `/api/staff/${staffId}/time_off/${id}`);
