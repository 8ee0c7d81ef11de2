import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { TMe } from '../../../shared/schemas/session.ts';
import { ApiError, request, setUnauthenticatedHandler } from '../lib/api.ts';
import { setCenterTimeZone } from '../lib/time.ts';

type SessionState =
  { status: 'loading' } | { status: 'signed-out'; expired: boolean } | { status: 'signed-in'; me: TMe };

type SessionValue = {
  state: SessionState;
  /** Called with the answer of POST /session. */
  signedIn: (me: TMe) => void;
  signOut: () => Promise<void>;
};

const SessionContext = createContext<SessionValue | null>(null);

/** Loads GET /me once, and turns any 401 of any call into the signed-out state. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const signedIn = useCallback((me: TMe) => {
    setCenterTimeZone(me.timezone);
    setState({ status: 'signed-in', me });
  }, []);

  useEffect(() => {
    setUnauthenticatedHandler(() => setState({ status: 'signed-out', expired: true }));
    const controller = new AbortController();
    request<TMe>('GET', '/me', { signal: controller.signal, quietUnauthenticated: true }).then(
      signedIn,
      (err: unknown) => {
        if (err instanceof DOMException) return;
        if (err instanceof ApiError && err.status !== 401) console.error(err);
        setState({ status: 'signed-out', expired: false });
      },
    );
    return () => controller.abort();
  }, [signedIn]);

  const signOut = useCallback(async () => {
    try {
      await request('DELETE', '/session', { quietUnauthenticated: true });
    } finally {
      setState({ status: 'signed-out', expired: false });
    }
  }, []);

  const value = useMemo(() => ({ state, signedIn, signOut }), [state, signedIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in user; only inside the signed-in layout. */
export function useMe(): TMe {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('useMe while not signed in');
  return state.me;
}

/** Whether the server says the user may do `ability` (GET /me `abilities`); the server still checks. */
export function useAbility(...abilities: string[]): boolean {
  const me = useMe();
  return abilities.some((a) => me.abilities[a] === true);
}
