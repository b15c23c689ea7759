// Staff sign-in (shared/api.md "Auth").
import { api } from '../../common/api';
import type { StaffLogin, StaffMe } from '../../common/types';

/** POST /api/auth/login → {token, staff}. */
export const login = (email: string, password: string) => api<StaffLogin>('POST', '/api/auth/login', { email, password });

/** GET /api/auth/me → the logged-in staff member. */
export const getAuthMe = () => api<StaffMe>('GET', '/api/auth/me');

/** POST /api/auth/logout → 204. */
export const logout = () => api<void>('POST', '/api/auth/logout');
