import { lazy } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { Loading } from '../components/Loading';
import { homePath, useSession } from '../features/auth/session';
import { NotFoundPage } from './NotFoundPage';
import { RequireAuth } from './RequireAuth';
import { Shell } from './Shell';

// every page is its own chunk: the first load carries only the shell and the page asked for
const LoginPage = lazy(() => import('../features/auth/LoginPage').then((m) => ({ default: m.LoginPage })));
const DeskPage = lazy(() => import('../features/desk/DeskPage').then((m) => ({ default: m.DeskPage })));
const TicketPage = lazy(() =>
  import('../features/tickets/TicketPage').then((m) => ({ default: m.TicketPage })),
);
const CallPage = lazy(() => import('../features/intake/CallPage').then((m) => ({ default: m.CallPage })));
const PortalPage = lazy(() =>
  import('../features/portal/PortalPage').then((m) => ({ default: m.PortalPage })),
);
const NotificationPreferencesPage = lazy(() =>
  import('../features/notifications/NotificationPreferencesPage').then((m) => ({
    default: m.NotificationPreferencesPage,
  })),
);
const CmdbListPage = lazy(() =>
  import('../features/cmdb/CmdbListPage').then((m) => ({ default: m.CmdbListPage })),
);
const CiPage = lazy(() => import('../features/cmdb/CiPage').then((m) => ({ default: m.CiPage })));
const CiNewPage = lazy(() => import('../features/cmdb/CiNewPage').then((m) => ({ default: m.CiNewPage })));
const AdminPage = lazy(() => import('../features/admin/AdminPage').then((m) => ({ default: m.AdminPage })));

function HomeRedirect() {
  const { user, isLoading } = useSession();
  if (isLoading) return <Loading />;
  return <Navigate to={user ? homePath(user) : '/login'} replace />;
}

export const router = createBrowserRouter([
  {
    element: <Shell />,
    children: [
      { index: true, element: <HomeRedirect /> },
      { path: 'login', element: <LoginPage /> },
      {
        element: <RequireAuth need="staff" />,
        children: [
          { path: 'desk', element: <DeskPage /> },
          { path: 'desk/call', element: <CallPage /> },
          { path: 'desk/tickets/:number', element: <TicketPage mode="desk" /> },
          { path: 'cmdb', element: <CmdbListPage /> },
          { path: 'cmdb/new', element: <CiNewPage /> },
          { path: 'cmdb/items/:id', element: <CiPage /> },
        ],
      },
      {
        element: <RequireAuth />,
        children: [
          { path: 'portal', element: <PortalPage /> },
          { path: 'portal/new/:type', element: <PortalPage /> },
          { path: 'portal/tickets/:number', element: <TicketPage mode="portal" /> },
          { path: 'notifications/preferences', element: <NotificationPreferencesPage /> },
        ],
      },
      {
        element: <RequireAuth need="admin" />,
        children: [{ path: 'admin/:tab?', element: <AdminPage /> }],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
