import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { PageSpinner } from '../components/PageSpinner.tsx';
import { useSession } from './session.tsx';

/** Shows its children to a signed-in user; sends anyone else to the sign-in page and back afterwards. */
export function RequireSignIn({ children }: { children: ReactNode }) {
  const { state } = useSession();
  const location = useLocation();
  if (state.status === 'loading') return <PageSpinner fullScreen />;
  if (state.status === 'signed-out') {
    const next = location.pathname + location.search;
    const params = new URLSearchParams();
    if (next !== '/') params.set('next', next);
    if (state.expired) params.set('expired', '1');
    const qs = params.toString();
    return <Navigate to={`/sign-in${qs ? `?${qs}` : ''}`} replace />;
  }
  return children;
}
