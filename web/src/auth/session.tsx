// The signed-in user: read from GET /api/v1/session at start, set by sign-in, cleared by sign-out
// or by any 401 the API answers later.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, api, setCsrfToken } from '../api/client';
import type { Role, Session, SessionUser } from '../api/types';

export interface SignInForm {
  login: string;
  password: string;
  totp?: string;
}

interface SessionContext {
  user: SessionUser | null;
  loading: boolean;
  signIn: (form: SignInForm) => Promise<SessionUser>;
  signOut: () => Promise<void>;
  /** Call when an API answer says the session is gone (401). */
  expired: () => void;
  hasRole: (...roles: Role[]) => boolean;
}

const Ctx = createContext<SessionContext | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null>(null);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    let live = true;
    api
      .get<Session>('/api/v1/session')
      .then((s) => {
        if (!live) return;
        setCsrfToken(s.csrf_token);
        setUser(s.user);
      })
      .catch(() => {
        if (live) setUser(null);
      })
      .finally(() => {
        if (live) setLoading(false);
      });
    return () => {
      live = false;
    };
  }, []);

  const signIn = useCallback(async (form: SignInForm) => {
    const body: SignInForm = { login: form.login.trim(), password: form.password };
    if (form.totp) body.totp = form.totp.trim();
    const s = await api.post<Session>('/api/v1/session', body);
    setCsrfToken(s.csrf_token);
    setUser(s.user);
    return s.user;
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.del('/api/v1/session');
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 401) throw e;
    }
    setCsrfToken('');
    setUser(null);
  }, []);

  const expired = useCallback(() => {
    setCsrfToken('');
    setUser(null);
  }, []);

  const value = useMemo<SessionContext>(
    () => ({
      user,
      loading,
      signIn,
      signOut,
      expired,
      hasRole: (...roles) => !!user && roles.includes(user.role),
    }),
    [user, loading, signIn, signOut, expired],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useSession(): SessionContext {
  const c = useContext(Ctx);
  if (!c) throw new Error('useSession outside SessionProvider');
  return c;
}
