import {useEffect} from 'react';
import {BrowserRouter, Navigate, Outlet, useLocation, useRoutes, type RouteObject} from 'react-router';
import {UpdatePrompt} from './components/update-prompt.tsx';
import {lazyPage} from './lib/lazy-page.tsx';
import {AppShell} from './pages/app-shell.tsx';
import {RouteErrorBoundary} from './pages/route-error.tsx';
import {HomePage} from './pages/home-page.tsx';
import {RoomPage} from './pages/room-page.tsx';
import {ServerIndex, ServerPage} from './pages/server-page.tsx';
import {settingsRoutes} from './settings/settings-sections.tsx';
import {SignInPage} from './pages/sign-in-page.tsx';
import {SignUpPage} from './pages/sign-up-page.tsx';
import {VerifyEmailPage} from './pages/verify-email-page.tsx';
import {useAuthStore} from './stores/auth-store.ts';
import {ZeroSetup} from './zero/zero-setup.tsx';
import {msg} from './i18n/index.ts';

function RequireSignedIn() {
  const status = useAuthStore(s => s.status);
  if (status === 'loading') return <Splash />;
  if (status === 'signed-out') return <Navigate to="/sign-in" replace />;
  return (
    <ZeroSetup>
      <Outlet />
    </ZeroSetup>
  );
}

function RequireSignedOut() {
  const status = useAuthStore(s => s.status);
  if (status === 'loading') return <Splash />;
  if (status === 'signed-in') return <Navigate to="/" replace />;
  return <Outlet />;
}

function Splash() {
  return (
    <p role="status" className="m-auto p-8 text-center text-ink-muted">
      {msg.app.loading}
    </p>
  );
}

// Screens people open now and then are loaded on demand (`lazy`), keeping the first load small.
const ForgotPasswordPage = lazyPage(
  async () => (await import('./pages/forgot-password-page.tsx')).ForgotPasswordPage,
);
const ResetPasswordPage = lazyPage(
  async () => (await import('./pages/reset-password-page.tsx')).ResetPasswordPage,
);
const DirectoryPage = lazyPage(async () => (await import('./pages/directory-page.tsx')).DirectoryPage);
const SettingsPage = lazyPage(async () => (await import('./pages/settings-page.tsx')).SettingsPage);
const ServerSettingsPage = lazyPage(
  async () => (await import('./pages/server-settings-page.tsx')).ServerSettingsPage,
);
const SearchPage = lazyPage(async () => (await import('./pages/search-page.tsx')).SearchPage);

// React Router's declarative mode: the data router (loaders, actions) weighs
// ~17 kB more gzipped and Chorus's data comes from Zero, not from loaders.
const routes: RouteObject[] = [
  {
    element: <RequireSignedOut />,
    children: [
      {path: '/sign-in', element: <SignInPage />},
      {path: '/sign-up', element: <SignUpPage />},
    ],
  },
  {path: '/verify-email', element: <VerifyEmailPage />},
  // Open signed in or out: the mailed link may be opened on a signed-in device.
  {path: '/forgot-password', element: <ForgotPasswordPage />},
  {path: '/reset-password', element: <ResetPasswordPage />},
  {
    element: <RequireSignedIn />,
    children: [
      {
        element: <AppShell />,
        children: [
          {path: '/', element: <HomePage />},
          {path: '/directory', element: <DirectoryPage />},
          {path: '/settings', element: <SettingsPage />, children: settingsRoutes},
          {path: '/servers/:serverId/settings', element: <ServerSettingsPage />},
          {
            path: '/servers/:serverId',
            element: <ServerPage />,
            children: [
              {index: true, element: <ServerIndex />},
              {path: 'rooms/:roomId', element: <RoomPage />},
              {path: 'search', element: <SearchPage />},
            ],
          },
        ],
      },
    ],
  },
  {path: '*', element: <Navigate to="/" replace />},
];

function Routes() {
  const element = useRoutes(routes);
  const {pathname} = useLocation();
  // A failed screen is replaced by the error page until the person goes elsewhere.
  return <RouteErrorBoundary pathname={pathname}>{element}</RouteErrorBoundary>;
}

export function App() {
  const bootstrap = useAuthStore(s => s.bootstrap);
  useEffect(() => {
    void bootstrap();
  }, [bootstrap]);
  return (
    <BrowserRouter>
      <UpdatePrompt />
      <Routes />
    </BrowserRouter>
  );
}
