import {useEffect} from 'react';
import {createBrowserRouter, Navigate, Outlet, RouterProvider} from 'react-router';
import {AppShell} from './pages/app-shell.tsx';
import {RouteError} from './pages/route-error.tsx';
import {DirectoryPage} from './pages/directory-page.tsx';
import {ForgotPasswordPage} from './pages/forgot-password-page.tsx';
import {HomePage} from './pages/home-page.tsx';
import {RoomPage} from './pages/room-page.tsx';
import {SearchPage} from './pages/search-page.tsx';
import {ServerIndex, ServerPage} from './pages/server-page.tsx';
import {ResetPasswordPage} from './pages/reset-password-page.tsx';
import {ServerSettingsPage} from './pages/server-settings-page.tsx';
import {SettingsPage} from './pages/settings-page.tsx';
import {settingsRoutes} from './settings/settings-sections.tsx';
import {SignInPage} from './pages/sign-in-page.tsx';
import {SignUpPage} from './pages/sign-up-page.tsx';
import {VerifyEmailPage} from './pages/verify-email-page.tsx';
import {useAuthStore} from './stores/auth-store.ts';
import {ZeroSetup} from './zero/zero-setup.tsx';

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
      Loading Chorus…
    </p>
  );
}

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
