import {mutators, queries} from '@chorus/schema';
import {useQuery, useZero} from '@rocicorp/zero/react';
import {useNavigate} from 'react-router';
import {Button} from '../components/ui.tsx';
import {useAct} from '../hooks/use-act.ts';
import {msg} from '../i18n/index.ts';

/** `/directory`: public servers anyone can join without a code. */
export function DirectoryPage() {
  const [servers, status] = useQuery(queries.publicServers());
  const zero = useZero();
  const act = useAct();
  const navigate = useNavigate();
  return (
    <main className="flex-1 overflow-y-auto">
      <div className="mx-auto flex max-w-2xl flex-col gap-4 p-6">
        <h1 className="text-xl font-bold">{msg.servers.directory.title}</h1>
        {servers.length === 0 ? (
          <p className="text-ink-muted" role="status">
            {status.type === 'complete' ? msg.servers.directory.empty : msg.common.loading}
          </p>
        ) : (
          <ul className="flex flex-col divide-y divide-surface-3 rounded-card border border-surface-3">
            {servers.map(s => {
              const joined = s.members.length > 0;
              return (
                <li key={s.id} className="flex items-center gap-3 px-4 py-3">
                  <span className="flex-1 font-medium">{s.name}</span>
                  {joined ? (
                    <Button variant="ghost" onClick={() => navigate(`/servers/${s.id}`)}>
                      {msg.servers.directory.open(s.name)}
                    </Button>
                  ) : (
                    <Button
                      onClick={async () => {
                        if (
                          await act(
                            zero.mutate(mutators.server.joinPublic({serverID: s.id})),
                            msg.actions.joinServer(s.name),
                          )
                        ) {
                          navigate(`/servers/${s.id}`);
                        }
                      }}
                    >
                      {msg.servers.directory.join(s.name)}
                    </Button>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </main>
  );
}
