import {lazy, Suspense} from 'react';
import {Link, Outlet, useMatch} from 'react-router';
import {ConfirmHost} from '../components/confirm-dialog.tsx';
import {ConnectionStatus} from '../components/connection-status.tsx';
import {ProfileCardHost} from '../components/profile-card-host.tsx';
import {useDocumentBadge} from '../hooks/use-document-badge.ts';
import {useMediaQuery, WIDE} from '../hooks/use-media-query.ts';
import {ServerRail} from '../components/server-rail.tsx';
import {Shortcuts} from '../components/shortcuts.tsx';
import {Toasts} from '../components/toasts.tsx';
import {useAuthStore} from '../stores/auth-store.ts';
import {usePrefsStore} from '../stores/prefs-store.ts';
import {msg} from '../i18n/index.ts';

// Only for people who turned desktop notifications on: kept out of the first load.
const DirectMessageNotifier = lazy(() => import('../components/direct-message-notifier.tsx'));
// Only until the address is verified: most people never load it.
const VerifyBanner = lazy(async () => ({
  default: (await import('../components/verify-banner.tsx')).VerifyBanner,
}));

export function AppShell() {
  useDocumentBadge();
  const user = useAuthStore(s => s.user);
  const signOut = useAuthStore(s => s.signOut);
  const wide = useMediaQuery(WIDE);
  const notifications = usePrefsStore(s => s.desktopNotifications);
  const inRoom = useMatch('/servers/:serverId/rooms/:roomId');
  const inSearch = useMatch('/servers/:serverId/search');
  return (
    <div className="flex h-full flex-col">
      {user && !user.emailVerified ? (
        <Suspense fallback={null}>
          <VerifyBanner />
        </Suspense>
      ) : null}
      <Toasts />
      <Shortcuts />
      <ConfirmHost />
      <ProfileCardHost />
      {notifications ? (
        <Suspense fallback={null}>
          <DirectMessageNotifier />
        </Suspense>
      ) : null}
      <div className="flex min-h-0 flex-1">
        {/* On phones a room (or search) takes the whole width; the rail is in the server page's drawer. */}
        {wide || !(inRoom || inSearch) ? <ServerRail /> : null}
        <div className="flex min-w-0 flex-1 flex-col">
          <Outlet />
        </div>
      </div>
      <footer className="flex items-center justify-between gap-4 border-t border-surface-3 bg-surface-2 px-4 py-1.5">
        <ConnectionStatus />
        <div className="flex items-center gap-3 text-sm">
          <span aria-label={msg.shell.signedInAs}>{user?.username}</span>
          <Link to="/settings" className="text-ink-muted underline">
            {msg.shell.settings}
          </Link>
          <button className="text-ink-muted underline" onClick={() => void signOut()}>
            {msg.shell.signOut}
          </button>
        </div>
      </footer>
    </div>
  );
}
