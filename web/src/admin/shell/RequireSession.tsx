// Screens behind sign-in: a signed-out visitor goes to sign-in and comes
// back to the page asked for.
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';

import { useSession } from '../session/session';
import { Skeleton } from '../ui/States';

export function RequireSession({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.status === 'loading') {
    return (
      <main className="auth-page" id="main">
        <Skeleton lines={4} label="Loading Vellum" />
      </main>
    );
  }
  if (session.status === 'signed-out') {
    const next = encodeURIComponent(`${location.pathname}${location.search}`);
    return <Navigate to={`/admin/sign-in?next=${next}`} replace />;
  }
  return children;
}
