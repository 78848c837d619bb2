import {lazy, Suspense, useEffect} from 'react';
import {BrowserRouter, Navigate, Outlet, useLocation, useRoutes, type RouteObject} from 'react-router';
import {UpdatePrompt} from './components/update-prompt.tsx';
import {lazyPage} from './lib/lazy-page.tsx';
import {rememberedUser} from './lib/last-user.ts';
import {RouteErrorBoundary} from './pages/route-error.tsx';
import {SignInPage} from './pages/sign-in-page.tsx';
import {useAuthStore} from './stores/auth-store.ts';
import {msg} from './i18n/index.ts';

// The signed-in app (Zero, the shell, every room screen) is a chunk of its
// own: the sign-in page paints without downloading or parsing it.
const loadSignedInApp = () => import('./signed-in-app.tsx');
const SignedInApp = lazy(async () => ({default: (await loadSignedInApp()).SignedInApp}));

/**
 * Fetches the signed-in chunk as soon as it will be needed: someone signed
 * in, or a person remembered on this device while the session refresh is on
 * its way (so a reload, online or offline [OF2], does not wait for it twice).
 */
function usePrefetchSignedInApp() {
  const status = useAuthStore(s => s.status);
  useEffect(() => {
    if (status === 'signed-in' || (status === 'loading' && rememberedUser())) void loadSignedInApp();
  }, [status]);
}

function RequireSignedIn() {
  const status = useAuthStore(s => s.status);
  if (status === 'loading') return <Splash />;
  if (status === 'signed-out') return <Navigate to="/sign-in" replace />;
  return (
    <Suspense fallback={<Splash />}>
      <SignedInApp />
    </Suspense>
  );
}

function RequireSignedOut() {
  const status = useAuthStore(s => s.status);
  // Nobody remembered on this device: almost surely signed out, so the form
  // shows at once instead of after the session check's round trip (a live
  // session found after all still moves on to the app below).
  if (status === 'loading' && rememberedUser()) return <Splash />;
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

// Pages opened once or twice in an account's life: not in the entry every room route loads.
const SignUpPage = lazyPage(async () => (await import('./pages/sign-up-page.tsx')).SignUpPage);
const VerifyEmailPage = lazyPage(async () => (await import('./pages/verify-email-page.tsx')).VerifyEmailPage);
const ForgotPasswordPage = lazyPage(
  async () => (await import('./pages/forgot-password-page.tsx')).ForgotPasswordPage,
);
const ResetPasswordPage = lazyPage(
  async () => (await import('./pages/reset-password-page.tsx')).ResetPasswordPage,
);

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
  // Every other path belongs to the signed-in app (signed-in-app.tsx routes it).
  {path: '*', element: <RequireSignedIn />},
];

function Routes() {
  const element = useRoutes(routes);
  const {pathname} = useLocation();
  // A failed screen is replaced by the error page until the person goes elsewhere.
  return <RouteErrorBoundary pathname={pathname}>{element}</RouteErrorBoundary>;
}

export function App() {
  const bootstrap = useAuthStore(s => s.bootstrap);
  usePrefetchSignedInApp();
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
