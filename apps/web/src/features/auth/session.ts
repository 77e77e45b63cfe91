import type { CurrentUser, LoginResponse } from '@guichet/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, setCsrfToken } from '../../lib/api';
import { applyLanguage, forgetLanguage } from '../../lib/i18n';
import { isCockpitOnly } from '../cockpit/access';

export const sessionKey = ['session'] as const;

interface MeResponse {
  user: CurrentUser;
  csrfToken: string | null;
}

/** The signed-in person, or null; answers from /auth/me once, then from the cache. */
export async function fetchSession(): Promise<CurrentUser | null> {
  try {
    const me = await api.get<MeResponse>('/auth/me', undefined, { quiet401: true });
    setCsrfToken(me.csrfToken);
    return me.user;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw err;
  }
}

export function useSession() {
  const q = useQuery({ queryKey: sessionKey, queryFn: fetchSession, staleTime: Number.POSITIVE_INFINITY });
  return { user: q.data ?? null, isLoading: q.isPending, error: q.error };
}

/** The signed-in person; only for components rendered behind RequireAuth. */
export function useCurrentUser(): CurrentUser {
  const { user } = useSession();
  if (!user) throw new Error('useCurrentUser outside an authenticated route');
  return user;
}

/** Where a person lands after signing in. */
export const homePath = (user: CurrentUser) =>
  user.isStaff ? '/desk' : isCockpitOnly(user) ? '/cockpit' : '/portal';

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; password: string }) =>
      api.post<LoginResponse>('/auth/login', body, { quiet401: true }),
    onSuccess: async ({ user, csrfToken }) => {
      setCsrfToken(csrfToken);
      // a fresh sign-in starts in the person's own language; the switcher can change it afterwards
      forgetLanguage();
      await applyLanguage(user.language);
      qc.setQueryData(sessionKey, user);
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>('/auth/logout', undefined, { quiet401: true }),
    onSettled: () => {
      setCsrfToken(null);
      qc.clear();
      qc.setQueryData(sessionKey, null);
    },
  });
}
