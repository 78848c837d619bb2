import {queries} from '@chorus/schema';
import {useQuery} from '@rocicorp/zero/react';
import {useState} from 'react';
import {Navigate} from 'react-router';
import {CreateServerDialog} from '../components/create-server-dialog.tsx';
import {JoinServerDialog} from '../components/join-server-dialog.tsx';
import {Button} from '../components/ui.tsx';

/** `/`: open the first server, or give a new user a clear first step. */
export function HomePage() {
  const [servers, status] = useQuery(queries.myServers());
  const [dialog, setDialog] = useState<'create' | 'join'>();
  const first = servers[0];
  if (first) return <Navigate to={`/servers/${first.id}`} replace />;
  if (status.type !== 'complete') {
    return (
      <p className="m-auto text-ink-muted" role="status">
        Loading your servers…
      </p>
    );
  }
  return (
    <main className="m-auto flex max-w-md flex-col items-center gap-4 p-6 text-center">
      <h1 className="text-2xl font-bold">Welcome to Chorus</h1>
      <p className="text-ink-muted">
        Servers are where your team talks. Create one and invite people with its code, or join one with a code
        you were given.
      </p>
      <div className="flex gap-3">
        <Button onClick={() => setDialog('create')}>Create a server</Button>
        <Button variant="ghost" onClick={() => setDialog('join')}>
          Join with a code
        </Button>
      </div>
      <CreateServerDialog open={dialog === 'create'} onClose={() => setDialog(undefined)} />
      <JoinServerDialog open={dialog === 'join'} onClose={() => setDialog(undefined)} />
    </main>
  );
}
