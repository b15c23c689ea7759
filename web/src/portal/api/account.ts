// The client's account: sign-in, sign-up, password reset, the account itself, its export and deletion
// (shared/api.md "Auth", "Privacy").
import { papi, rawRequest } from '../../common/api';
import type { PortalAuth, PortalMe, PortalRegister } from '../../common/types';

export const portalLogin = (identifier: string, password: string) =>
  papi<PortalAuth>('POST', '/api/portal/login', { identifier, password });

/** POST /api/portal/register → 201 {token, account}. */
export const portalRegister = (body: PortalRegister) => papi<PortalAuth>('POST', '/api/portal/register', body);

export const portalLogout = () => papi<void>('POST', '/api/portal/logout');

/** GET /api/portal/me (older answers were the account itself: see session.ts). */
export const getPortalMe = () => papi<Partial<PortalMe> & { client_file?: PortalMe['client'] }>('GET', '/api/portal/me');

/** POST /api/portal/password/forgot → 202 whether the account exists or not. */
export const forgotPassword = (identifier: string) => papi<void>('POST', '/api/portal/password/forgot', { identifier });

export const resetPassword = (token: string, password: string) =>
  papi<void>('POST', '/api/portal/password/reset', { token, password });

/** GET /api/portal/me/export: the raw response (a JSON file to download). */
export const exportMe = () => rawRequest('/api/portal/me/export', { auth: 'portal' });

/** POST /api/portal/me/delete → 204: the client's data is erased, the token no longer works. */
export const deleteMe = (password: string) => papi<void>('POST', '/api/portal/me/delete', { password });
