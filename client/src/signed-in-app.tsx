import {Navigate, useRoutes, type RouteObject} from 'react-router';
import {lazyPage} from './lib/lazy-page.tsx';
import {AppShell} from './pages/app-shell.tsx';
import {HomePage} from './pages/home-page.tsx';
import {RoomPage} from './pages/room-page.tsx';
import {ServerIndex, ServerPage} from './pages/server-page.tsx';
import {ZeroSetup} from './zero/zero-setup.tsx';

// Screens people open now and then are loaded on demand, keeping this chunk small.
const DirectoryPage = lazyPage(async () => (await import('./pages/directory-page.tsx')).DirectoryPage);
const SettingsPage = lazyPage(async () => (await import('./pages/settings-page.tsx')).SettingsPage);
const ServerSettingsPage = lazyPage(
  async () => (await import('./pages/server-settings-page.tsx')).ServerSettingsPage,
);
const SearchPage = lazyPage(async () => (await import('./pages/search-page.tsx')).SearchPage);
const HomeLayout = lazyPage(async () => (await import('./pages/home-layout.tsx')).HomeLayout);
const DmPage = lazyPage(async () => (await import('./pages/dm-page.tsx')).DmPage);
const DmSearchPage = lazyPage(async () => (await import('./pages/dm-search-page.tsx')).DmSearchPage);
const FriendsPage = lazyPage(async () => (await import('./pages/friends-page.tsx')).FriendsPage);

// Descendant routes of the entry's `*` route: paths are matched from the root.
const routes: RouteObject[] = [
  {
    element: <AppShell />,
    children: [
      {path: '/', element: <HomePage />},
      {path: '/directory', element: <DirectoryPage />},
      {
        element: <HomeLayout />,
        children: [
          {path: '/friends', element: <FriendsPage />},
          {path: '/dm/search', element: <DmSearchPage />},
          {path: '/dm/:conversationId', element: <DmPage />},
        ],
      },
      // The settings page routes its sections itself: their list stays in its chunk.
      {path: '/settings/*', element: <SettingsPage />},
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
  {path: '*', element: <Navigate to="/" replace />},
];

/**
 * Everything a signed-in person sees, with Zero: a chunk of its own, so the
 * sign-in page never downloads or parses it (app.tsx starts fetching it as
 * soon as someone is, or is remembered as, signed in).
 */
export function SignedInApp() {
  const element = useRoutes(routes);
  return <ZeroSetup>{element}</ZeroSetup>;
}
