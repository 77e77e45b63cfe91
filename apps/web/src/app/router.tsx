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
const CmdbImportPage = lazy(() =>
  import('../features/cmdb/import/ImportPage').then((m) => ({ default: m.ImportPage })),
);
const CmdbImportReportPage = lazy(() =>
  import('../features/cmdb/import/ImportReportPage').then((m) => ({ default: m.ImportReportPage })),
);
const RemoteCodePage = lazy(() =>
  import('../features/remote/RemoteCodePage').then((m) => ({ default: m.RemoteCodePage })),
);
const RemoteSenderPage = lazy(() =>
  import('../features/remote/RemoteSenderPage').then((m) => ({ default: m.RemoteSenderPage })),
);
const AdminPage = lazy(() => import('../features/admin/AdminPage').then((m) => ({ default: m.AdminPage })));
const ImprovementPage = lazy(() =>
  import('../features/improvement/ImprovementPage').then((m) => ({ default: m.ImprovementPage })),
);
// the cockpit carries the charts library: its own chunk keeps recharts out of every other page
const CockpitPage = lazy(() =>
  import('../features/cockpit/CockpitPage').then((m) => ({ default: m.CockpitPage })),
);
const ReportsPage = lazy(() =>
  import('../features/reports/ReportsPage').then((m) => ({ default: m.ReportsPage })),
);

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
          { path: 'improvement', element: <ImprovementPage /> },
          { path: 'cmdb/import', element: <CmdbImportPage /> },
          { path: 'cmdb/imports/:id', element: <CmdbImportReportPage /> },
        ],
      },
      {
        element: <RequireAuth />,
        children: [
          { path: 'portal', element: <PortalPage /> },
          { path: 'portal/new/:type', element: <PortalPage /> },
          { path: 'portal/tickets/:number', element: <TicketPage mode="portal" /> },
          { path: 'portal/remote', element: <RemoteCodePage /> },
          { path: 'portal/remote/:id', element: <RemoteSenderPage /> },
          { path: 'notifications/preferences', element: <NotificationPreferencesPage /> },
          // coordinators, admins and observers: the page itself checks the cockpit roles
          { path: 'cockpit', element: <CockpitPage /> },
          { path: 'cockpit/reports', element: <ReportsPage /> },
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
