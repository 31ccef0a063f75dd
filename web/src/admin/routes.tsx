// Every screen and its address. Screens load on demand, so sign-in carries
// only what sign-in needs. The pages the emails link to live at the root of
// the public URL (`/reset-password`, ...), the rest under `/admin`.
import { RouterProvider as AriaRouterProvider } from 'react-aria-components';
import {
  createBrowserRouter,
  Navigate,
  Outlet,
  useHref,
  useNavigate,
  type RouteObject,
} from 'react-router';

import { RequireSession } from './shell/RequireSession';

/** React Aria's links and menus navigate through the router. */
function Root() {
  const navigate = useNavigate();
  return (
    <AriaRouterProvider navigate={(to, options) => void navigate(to, options)} useHref={useHref}>
      <Outlet />
    </AriaRouterProvider>
  );
}

type Module = { default: React.ComponentType };
const screen = (load: () => Promise<Module>): Pick<RouteObject, 'lazy'> => ({
  lazy: async () => ({ Component: (await load()).default }),
});

export const routes: RouteObject[] = [
  {
    element: <Root />,
    // Shown while the first screen's module loads.
    hydrateFallbackElement: <div className="boot" role="status" aria-label="Loading Vellum" />,
    children: [
      { path: '/admin/sign-in', ...screen(() => import('./screens/auth/SignIn')) },
      { path: '/admin/sign-up', ...screen(() => import('./screens/auth/SignUp')) },
      { path: '/admin/setup', ...screen(() => import('./screens/auth/Setup')) },
      { path: '/forgot-password', ...screen(() => import('./screens/auth/ForgotPassword')) },
      { path: '/reset-password', ...screen(() => import('./screens/auth/ResetPassword')) },
      { path: '/verify-email', ...screen(() => import('./screens/auth/VerifyEmail')) },
      { path: '/complete-sign-up', ...screen(() => import('./screens/auth/CompleteSignUp')) },
      {
        path: '/admin',
        // The shell (and its menus) loads with the first signed-in screen.
        lazy: async () => {
          const { Shell } = await import('./shell/Shell');
          return {
            Component: () => (
              <RequireSession>
                <Shell />
              </RequireSession>
            ),
          };
        },
        children: [
          { index: true, ...screen(() => import('./screens/dashboard/Dashboard')) },
          { path: 'content', ...screen(() => import('./screens/content/ContentList')) },
          { path: 'content/:type', ...screen(() => import('./screens/content/ContentList')) },
          { path: 'content/:type/new', ...screen(() => import('./screens/content/ContentEditor')) },
          { path: 'items/:id', ...screen(() => import('./screens/content/ContentEditor')) },
          { path: 'items/:id/history', ...screen(() => import('./screens/history/History')) },
          { path: 'types', ...screen(() => import('./screens/types/TypeList')) },
          { path: 'types/new', ...screen(() => import('./screens/types/TypeBuilder')) },
          { path: 'types/:apiId', ...screen(() => import('./screens/types/TypeBuilder')) },
          { path: 'taxonomy', ...screen(() => import('./screens/taxonomy/Taxonomy')) },
          { path: 'media', ...screen(() => import('./screens/media/MediaLibrary')) },
          { path: 'users', ...screen(() => import('./screens/users/UserList')) },
          { path: 'users/:id', ...screen(() => import('./screens/users/UserDetail')) },
          { path: 'roles', ...screen(() => import('./screens/users/Roles')) },
          { path: 'api-keys', ...screen(() => import('./screens/apikeys/ApiKeys')) },
          { path: 'audit', ...screen(() => import('./screens/audit/AuditLog')) },
          { path: 'account', ...screen(() => import('./screens/account/Account')) },
          { path: '*', ...screen(() => import('./screens/NotFound')) },
        ],
      },
      { path: '*', element: <Navigate to="/admin" replace /> },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
