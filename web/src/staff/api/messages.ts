// The outbox (shared/api.md "Messages").
import { api, itemsOf } from '../../common/api';
import type { List, OutboxMessage } from '../../common/types';

export interface OutboxQuery {
  kind?: string;
  status?: string;
  appointment_id?: number;
  client_id?: number;
  salon_id?: number;
  limit?: number;
}
/** GET /api/outbox (admin). */
export const listOutbox = async (q: OutboxQuery) => itemsOf(await api<List<OutboxMessage>>('GET', '/api/outbox', undefined, { ...q }));

/** POST /api/outbox/{id}/resend. */
export const resendMessage = (id: number) => api<OutboxMessage>('POST', `/api/outbox/${id}/resend`);
