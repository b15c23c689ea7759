// The dashboard's figures (shared/api.md "Reports").
import { api, rawRequest } from '../../common/api';
import type { List, PackageUsage, ReportDay, ReportSummary } from '../../common/types';

export interface ReportQuery {
  from: string;
  to: string;
  /** Empty or left out: every salon the caller may see. */
  salon_id?: number | string;
}

export const getSummary = (q: ReportQuery) => api<ReportSummary>('GET', '/api/reports/summary', undefined, { ...q });
export const getDaily = (q: ReportQuery) => api<List<ReportDay>>('GET', '/api/reports/daily', undefined, { ...q });

/** GET /api/reports/package_usage (admin). */
export const getPackageUsage = (q: { from: string; to: string }) =>
  api<List<PackageUsage>>('GET', '/api/reports/package_usage', undefined, { ...q });

/** GET /api/reports/daily.csv: the raw response (a file to download). */
export const dailyCsv = (q: ReportQuery & { delimiter: ',' | ';' | 'tab' }) =>
  rawRequest('/api/reports/daily.csv', { auth: 'staff', query: { ...q } });
