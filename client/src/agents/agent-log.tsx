import {queries} from '@chorus/schema';
import {useQuery} from '@rocicorp/zero/react';
import {useCallback, useEffect, useId, useMemo, useState} from 'react';
import {Alert, Button} from '../components/ui.tsx';
import {format} from '../i18n/index.ts';
import {agentsMsg} from '../i18n/agents.ts';
import {agentLogs, type AgentLog} from './agent-api.ts';

const PAGE = 50;
const m = agentsMsg.log;

/** [AG7] An agent's audit log, newest first, filtered by action and room, older pages on demand. */
export function AgentLogSection({agentID}: {agentID: string}) {
  const headingID = useId();
  const [action, setAction] = useState('');
  const [roomID, setRoomID] = useState('');
  const [logs, setLogs] = useState<AgentLog[]>();
  const [more, setMore] = useState(false);
  const [error, setError] = useState<string>();
  const [rooms] = useQuery(queries.myRooms());
  const roomNames = useMemo(() => new Map(rooms.map(r => [r.id, r.name])), [rooms]);

  const load = useCallback(
    async (before?: string) => {
      try {
        const page = await agentLogs(
          agentID,
          {action: action || undefined, roomId: roomID || undefined, ...(before ? {before} : {})},
          PAGE,
        );
        setLogs(previous => (before ? [...(previous ?? []), ...page] : page));
        setMore(page.length === PAGE);
        setError(undefined);
      } catch (err) {
        setError((err as Error).message);
      }
    },
    [agentID, action, roomID],
  );

  useEffect(() => {
    setLogs(undefined);
    void load();
  }, [load]);

  const filtered = action !== '' || roomID !== '';
  return (
    <section aria-labelledby={headingID} className="flex flex-col gap-3">
      <div>
        <h2 id={headingID} className="font-semibold">
          {m.title}
        </h2>
        <p className="text-sm text-ink-muted">{m.intro}</p>
      </div>
      <div className="flex flex-wrap gap-3">
        <label className="flex flex-col gap-1 text-sm font-medium">
          {m.action}
          <select
            value={action}
            onChange={e => setAction(e.target.value)}
            className="rounded border border-surface-3 bg-surface px-2 py-1 font-normal"
          >
            <option value="">{m.anyAction}</option>
            {Object.entries(m.actions).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          {m.room}
          <select
            value={roomID}
            onChange={e => setRoomID(e.target.value)}
            className="rounded border border-surface-3 bg-surface px-2 py-1 font-normal"
          >
            <option value="">{m.anyRoom}</option>
            {rooms.map(room => (
              <option key={room.id} value={room.id}>
                {room.server ? `${room.server.name} › #${room.name}` : `#${room.name}`}
              </option>
            ))}
          </select>
        </label>
      </div>
      {error ? <Alert>{error}</Alert> : null}
      {!logs ? (
        error ? null : (
          <p role="status" className="text-sm text-ink-muted">
            {m.loading}
          </p>
        )
      ) : logs.length === 0 ? (
        <p className="text-sm text-ink-muted">{filtered ? m.emptyFiltered : m.empty}</p>
      ) : (
        <ol aria-label={m.entries} className="flex flex-col divide-y divide-surface-3 text-sm">
          {logs.map(log => (
            <LogEntry key={log.id} log={log} roomName={log.roomId ? roomNames.get(log.roomId) : undefined} />
          ))}
        </ol>
      )}
      {logs && more ? (
        <div>
          <Button variant="ghost" onClick={() => void load(logs.at(-1)?.at)}>
            {m.more}
          </Button>
        </div>
      ) : null}
    </section>
  );
}

function LogEntry({log, roomName}: {log: AgentLog; roomName: string | undefined}) {
  const place = log.roomId
    ? m.inRoom(roomName ?? m.unknownRoom)
    : log.conversationId
      ? m.inConversation
      : undefined;
  const outcomeStyle =
    log.outcome === 'ok' ? 'border-ok/40' : log.outcome === 'denied' ? 'border-danger/40' : 'border-danger';
  return (
    <li className="flex flex-wrap items-baseline gap-x-3 gap-y-1 py-2">
      <time dateTime={log.at} className="text-ink-muted">
        {format.dateTime(new Date(log.at))}
      </time>
      <span className="font-medium">{m.actions[log.action] ?? log.action}</span>
      {place ? <span className="text-ink-muted">{place}</span> : null}
      <span className={`ml-auto rounded border px-1.5 text-xs ${outcomeStyle}`}>
        {m.outcomes[log.outcome] ?? log.outcome}
        {log.status === null ? '' : ` · ${log.status}`}
      </span>
    </li>
  );
}
