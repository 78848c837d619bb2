import {queries} from '@chorus/schema';
import {useQuery} from '@rocicorp/zero/react';
import {useState} from 'react';
import {Navigate} from 'react-router';
import {Button} from '../components/ui.tsx';
import {lastRoom} from '../lib/last-room.ts';
import {lazyDialog} from '../lib/lazy-dialog.tsx';
import {useAuthStore} from '../stores/auth-store.ts';
import {msg} from '../i18n/index.ts';

// Opened now and then: their code loads on first use.
const CreateServerDialog = lazyDialog(
  async () => (await import('../components/create-server-dialog.tsx')).CreateServerDialog,
);
const JoinServerDialog = lazyDialog(
  async () => (await import('../components/join-server-dialog.tsx')).JoinServerDialog,
);

/**
 * `/`: open the room I had open last on this device (on a phone too), else
 * the first server (its room list on a phone), or give a new user a clear
 * first step.
 */
export function HomePage() {
  const [servers, status] = useQuery(queries.myServers());
  const [dialog, setDialog] = useState<'create' | 'join'>();
  const userID = useAuthStore(s => s.user?.id);
  const last = userID ? lastRoom(userID) : undefined;
  if (last && servers.some(s => s.id === last.serverID)) {
    return <Navigate to={`/servers/${last.serverID}/rooms/${last.roomID}`} replace />;
  }
  const first = servers[0];
  if (first && status.type === 'complete') return <Navigate to={`/servers/${first.id}`} replace />;
  if (first && !last) return <Navigate to={`/servers/${first.id}`} replace />;
  if (status.type !== 'complete') {
    return (
      <p className="m-auto text-ink-muted" role="status">
        {msg.home.loading}
      </p>
    );
  }
  return (
    <main className="m-auto flex max-w-md flex-col items-center gap-4 p-6 text-center">
      <h1 className="text-2xl font-bold">{msg.home.title}</h1>
      <p className="text-ink-muted">{msg.home.intro}</p>
      <div className="flex gap-3">
        <Button onClick={() => setDialog('create')}>{msg.home.create}</Button>
        <Button variant="ghost" onClick={() => setDialog('join')}>
          {msg.home.join}
        </Button>
      </div>
      <CreateServerDialog open={dialog === 'create'} onClose={() => setDialog(undefined)} />
      <JoinServerDialog open={dialog === 'join'} onClose={() => setDialog(undefined)} />
    </main>
  );
}
