import { Navigate, Outlet, useLocation } from 'react-router';
import { Loading } from '../components/Loading';
import { useSession } from '../features/auth/session';
import { ForbiddenPage } from './NotFoundPage';

/** Renders the child routes for a signed-in person (with the role asked for), else sends to /login. */
export function RequireAuth({ need }: { need?: 'staff' | 'admin' }) {
  const { user, isLoading } = useSession();
  const location = useLocation();
  if (isLoading) return <Loading />;
  if (!user) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  if ((need === 'staff' && !user.isStaff) || (need === 'admin' && !user.isAdmin)) return <ForbiddenPage />;
  return <Outlet />;
}
