// Client files, family, packages, merge, privacy and the link queue (shared/api.md "Clients", "Privacy").
import { api, listOf, itemsOf, rawRequest } from '../../common/api';
import type {
  AuditEntry, BulkDeleteResult, Client, ClientFile, ClientInput, LinkQueueItem, List, Member, Package,
} from '../../common/types';

export interface ClientQuery {
  q?: string;
  sort?: 'name' | '-name';
  limit?: number;
  offset?: number;
}
/** GET /api/clients → {total, items}. */
export const listClients = async (q: ClientQuery) => listOf(await api<List<Client>>('GET', '/api/clients', undefined, { ...q }));

/** GET /api/clients?ids=…: several files at once. */
export const clientsByIds = async (ids: number[]) =>
  itemsOf(await api<List<Client>>('GET', '/api/clients', undefined, { ids: ids.join(','), limit: ids.length }));

export const getClientFile = (id: number) => api<ClientFile>('GET', `/api/clients/${id}`);

/** POST /api/clients → 201. */
export const createClient = (body: Partial<ClientInput>) => api<Client>('POST', '/api/clients', body);

export const updateClient = (id: number, body: Partial<ClientInput>) => api<ClientFile>('PATCH', `/api/clients/${id}`, body);

export const deleteClient = (id: number) => api<void>('DELETE', `/api/clients/${id}`);

/** POST /api/clients/bulk_delete (dry_run: counts only, nothing is deleted). */
export const bulkDeleteClients = (ids: number[], dryRun = false) =>
  api<BulkDeleteResult>('POST', '/api/clients/bulk_delete', dryRun ? { ids, dry_run: true } : { ids });

export const addMember = (id: number, memberId: number, relation: string) =>
  api<Member>('POST', `/api/clients/${id}/members`, { member_id: memberId, relation });

export const removeMember = (id: number, memberId: number) => api<void>('DELETE', `/api/clients/${id}/members/${memberId}`);

/** POST /api/clients/{id}/packages (sold at the chosen salon). */
export const addPackage = (id: number, packageTypeId: number, startDate: string) =>
  api<Package>('POST', `/api/clients/${id}/packages`, { package_type_id: packageTypeId, start_date: startDate });

/** POST /api/clients/{id}/merge: `id` survives, `fromId` is merged into it. */
export const mergeClients = (id: number, fromId: number) => api<ClientFile>('POST', `/api/clients/${id}/merge`, { from_id: fromId });

export interface CsvExportQuery {
  delimiter: ',' | ';' | 'tab';
  columns: string;
}
/** GET /api/clients/export.csv: the raw response (a file to download). */
export const exportClientsCsv = (query: CsvExportQuery) =>
  rawRequest('/api/clients/export.csv', { auth: 'staff', query: { ...query } });

/** GET /api/clients/{id}/export: everything held about that person (a JSON file to download). */
export const exportClient = (id: number) => rawRequest(`/api/clients/${id}/export`, { auth: 'staff' });

/** POST /api/clients/{id}/erase → 204. */
export const eraseClient = (id: number) => api<void>('POST', `/api/clients/${id}/erase`);

/** GET /api/audit?client_id= → {total, items}. */
export const listAudit = async (q: { client_id?: number; staff_id?: number; from?: string; to?: string; limit?: number }) =>
  listOf(await api<List<AuditEntry>>('GET', '/api/audit', undefined, { ...q }));

/** GET /api/link-queue: the accounts waiting for a client file. */
export const listLinkQueue = async () => itemsOf(await api<List<LinkQueueItem>>('GET', '/api/link-queue', undefined, { limit: 500 }));

export const linkAccount = (accountId: number, clientId: number) =>
  api<unknown>('POST', `/api/link-queue/${accountId}/link`, { client_id: clientId });

export const createFileFromAccount = (accountId: number) => api<unknown>('POST', `/api/link-queue/${accountId}/create`);
