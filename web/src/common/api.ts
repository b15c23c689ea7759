// A small JSON client for the Creneau API (see shared/api.md). Every call is relative (`/api/...`).
// Errors come back as {"error":{"code","message","field"}} and are thrown as ApiError.
// Every request carries the UI's language (Accept-Language), so the server's error messages match it.
import { getLang } from './i18n';
import type { ErrorBody, List } from './types';

export class ApiError extends Error {
  constructor(
    public status: number,
    public code: string,
    message: string,
    public field?: string,
  ) {
    super(message);
  }
}

export type TokenKind = 'staff' | 'portal';
const TOKEN_KEYS: Record<TokenKind, string> = {
  staff: 'creneau.staffToken',
  portal: 'creneau.portalToken',
};

export function getToken(kind: TokenKind): string | null {
  try {
    return localStorage.getItem(TOKEN_KEYS[kind]);
  } catch {
    return null;
  }
}

export function setToken(kind: TokenKind, token: string | null) {
  if (token) localStorage.setItem(TOKEN_KEYS[kind], token);
  else localStorage.removeItem(TOKEN_KEYS[kind]);
}

type Listener = (kind: TokenKind) => void;
const unauthorizedListeners: Listener[] = [];
/** Called when a request made with a token answers 401 (the token expired or was revoked). */
export function onUnauthorized(fn: Listener) {
  unauthorizedListeners.push(fn);
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  auth?: TokenKind | null;
  query?: Record<string, string | number | boolean | undefined | null>;
}

export function buildQuery(query?: RequestOptions['query']): string {
  if (!query) return '';
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    p.set(k, String(v));
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

export async function rawRequest(path: string, opts: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': getLang() };
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  const kind = opts.auth === undefined ? null : opts.auth;
  const token = kind ? getToken(kind) : null;
  if (token) headers['Authorization'] = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(path + buildQuery(opts.query), {
      method: opts.method ?? 'GET',
      headers,
      body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
    });
  } catch (e) {
    throw new ApiError(0, 'network', (e as Error).message || 'Network error');
  }
  if (!res.ok) {
    let code = 'http_' + res.status;
    let message = res.statusText || `HTTP ${res.status}`;
    let field: string | undefined;
    try {
      const data = (await res.json()) as Partial<ErrorBody> | null;
      if (data && data.error) {
        code = data.error.code ?? code;
        message = data.error.message ?? message;
        field = data.error.field ?? undefined;
      }
    } catch {
      /* not JSON */
    }
    // Only a dead session logs out: a wrong password confirming an action (401 bad_credentials) does not.
    if (res.status === 401 && code === 'unauthorized' && kind && token) unauthorizedListeners.forEach((fn) => fn(kind));
    throw new ApiError(res.status, code, message, field);
  }
  return res;
}

/** A JSON call; `T` is what the route answers (see common/types.ts), `void` for a 204. */
export async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await rawRequest(path, opts);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/**
 * The back office's chosen salon (staff/salon.ts): for a salon-scoped route it answers the salon's id, which
 * goes as `salon_id` in the body of a create and in the query otherwise. A call that names `salon_id` itself
 * (even as null, meaning "every salon") is left alone.
 */
type SalonScope = (method: string, path: string) => number | null;
let salonScope: SalonScope | null = null;
export function setSalonScope(fn: SalonScope | null) {
  salonScope = fn;
}

/** Staff-side call (Bearer staff token). */
export function api<T>(method: string, path: string, body?: unknown, query?: RequestOptions['query']) {
  const salon = salonScope?.(method, path) ?? null;
  if (salon !== null) {
    const plainBody = body !== null && typeof body === 'object' && !Array.isArray(body);
    if (method === 'POST' && plainBody && !('salon_id' in (body as object))) body = { ...(body as object), salon_id: salon };
    else if (method !== 'POST' && !(query && 'salon_id' in query)) query = { ...query, salon_id: salon };
  }
  return request<T>(path, { method, body, query, auth: 'staff' });
}

/** Portal call (Bearer portal token when there is one). */
export function papi<T>(method: string, path: string, body?: unknown, query?: RequestOptions['query']) {
  return request<T>(path, { method, body, query, auth: 'portal' });
}

/** Lists answer {"total","items"}; be lenient with a bare array. */
export function itemsOf<T>(data: List<T> | T[] | null | undefined): T[] {
  if (Array.isArray(data)) return data;
  if (data && Array.isArray(data.items)) return data.items;
  return [];
}

/** A list answer as {total, items}, lenient with a bare array (total: its length). */
export function listOf<T>(data: List<T> | T[] | null | undefined): Required<List<T>> {
  const items = itemsOf(data);
  return { total: (Array.isArray(data) ? undefined : data?.total) ?? items.length, items };
}

export type Query = RequestOptions['query'];

/** The field a server error names ({"error":{"field"}}), with its message; null when it names none. */
export interface FieldError {
  field: string;
  message: string;
}
export function fieldErrorOf(e: unknown): FieldError | null {
  return e instanceof ApiError && e.field ? { field: e.field, message: e.message } : null;
}

export function errorText(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}

/** Downloads a response body as a file (used for the CSV export, which needs the token header). */
export async function downloadBlob(res: Response, fallbackName: string) {
  const blob = await res.blob();
  let name = fallbackName;
  const cd = res.headers.get('Content-Disposition');
  const m = cd && /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(cd);
  if (m) name = decodeURIComponent(m[1]);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
