import {useEffect} from 'react';
import {createBrowserRouter, Navigate, Outlet, RouterProvider} from 'react-router';
import {AppShell} from './pages/app-shell.tsx';
import {RouteError} from './pages/route-error.tsx';
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
const router = createBrowserRouter([
  {
    errorElement: <RouteError />,
    children: [
      {
        element: <RequireSignedOut />,
        children: [
          {path: '/sign-in', element: <SignInPage />},
          {path: '/sign-up', element: <SignUpPage />},
        ],
      },
      {path: '/verify-email', element: <VerifyEmailPage />},
      // Open signed in or out: the mailed link may be opened on a signed-in device.
      {
        path: '/forgot-password',
        lazy: async () => ({
          Component: (await import('./pages/forgot-password-page.tsx')).ForgotPasswordPage,
        }),
      },
      {
        path: '/reset-password',
        lazy: async () => ({Component: (await import('./pages/reset-password-page.tsx')).ResetPasswordPage}),
      },
      {
        element: <RequireSignedIn />,
        children: [
          {
            element: <AppShell />,
            children: [
              {path: '/', element: <HomePage />},
              {
                path: '/directory',
                lazy: async () => ({Component: (await import('./pages/directory-page.tsx')).DirectoryPage}),
              },
              {
                path: '/settings',
                lazy: async () => ({Component: (await import('./pages/settings-page.tsx')).SettingsPage}),
                children: settingsRoutes,
              },
              {
                path: '/servers/:serverId/settings',
                lazy: async () => ({
                  Component: (await import('./pages/server-settings-page.tsx')).ServerSettingsPage,
                }),
              },
              {
                path: '/servers/:serverId',
                element: <ServerPage />,
                children: [
                  {index: true, element: <ServerIndex />},
                  {path: 'rooms/:roomId', element: <RoomPage />},
                  {
                    path: 'search',
                    lazy: async () => ({Component: (await import('./pages/search-page.tsx')).SearchPage}),
                  },
                ],
              },
            ],
          },
        ],
      },
      {path: '*', element: <Navigate to="/" replace />},
    ],
  },
]);

export function App() {
  const bootstrap = useAuthStore(s => s.bootstrap);
  useEffect(() => {
    void bootstrap();
  }, [bootstrap]);
  return <RouterProvider router={router} />;
}
