import {useCallback, useEffect, useState} from 'react';
import * as z from 'zod/mini';
import {Alert, Button, Dialog} from '../components/ui.tsx';
import {describeDevice} from '../lib/describe-device.ts';
import {authedApi, useAuthStore} from '../stores/auth-store.ts';
import {msg} from '../i18n/index.ts';
import {settingsMsg} from '../i18n/settings.ts';
import {SettingsSection} from './settings-section.tsx';

const sessionSchema = z.object({
  id: z.string(),
  userAgent: z.nullable(z.string()),
  ip: z.nullable(z.string()),
  createdAt: z.string(),
  lastUsedAt: z.string(),
  current: z.boolean(),
});
type Session = z.infer<typeof sessionSchema>;
const sessionsResponseSchema = z.object({sessions: z.array(sessionSchema)});

/** Settings → Sessions: the devices signed in to this account; sign one or all out [AC5]. */
export function SessionsSection() {
  const signOut = useAuthStore(s => s.signOut);
  const [sessions, setSessions] = useState<Session[]>();
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [confirmAll, setConfirmAll] = useState(false);

  const load = useCallback(async () => {
    try {
      const {sessions} = await authedApi('/auth/sessions', sessionsResponseSchema);
      setSessions(sessions);
      setError(undefined);
    } catch (err) {
      setError((err as Error).message);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  async function revoke(session: Session) {
    setNotice(undefined);
    try {
      await authedApi(`/auth/sessions/${session.id}`, z.unknown(), {method: 'DELETE'});
      setNotice(settingsMsg.sessions.signedOut(describeDevice(session.userAgent)));
    } catch (err) {
      setError((err as Error).message);
    }
    await load();
  }

  async function revokeAll() {
    try {
      await authedApi('/auth/sessions', z.unknown(), {method: 'DELETE'});
      // The server ended this session too; the route guard takes it from here.
      await signOut();
    } catch (err) {
      setConfirmAll(false);
      setError((err as Error).message);
    }
  }

  return (
    <SettingsSection title={settingsMsg.sections.sessions} intro={settingsMsg.sessions.intro}>
      {error ? <Alert>{error}</Alert> : null}
      {notice ? <Alert tone="ok">{notice}</Alert> : null}
      {!sessions ? (
        error ? null : (
          <p role="status" className="text-ink-muted">
            {settingsMsg.sessions.loading}
          </p>
        )
      ) : (
        <ul aria-label={settingsMsg.sessions.list} className="flex flex-col divide-y divide-surface-3">
          {sessions.map(session => (
            <SessionRow
              key={session.id}
              session={session}
              onRevoke={() => void (session.current ? signOut() : revoke(session))}
            />
          ))}
        </ul>
      )}
      <div className="flex flex-col items-start gap-2 rounded-card border border-danger/40 p-4">
        <h3 className="font-semibold">{settingsMsg.sessions.everywhere}</h3>
        <p className="text-sm text-ink-muted">{settingsMsg.sessions.everywhereHelp}</p>
        <Button variant="danger" onClick={() => setConfirmAll(true)}>
          {settingsMsg.sessions.everywhere}
        </Button>
      </div>
      <Dialog
        title={settingsMsg.sessions.confirmTitle}
        open={confirmAll}
        onClose={() => setConfirmAll(false)}
      >
        <p className="text-sm">{settingsMsg.sessions.confirmBody}</p>
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={() => setConfirmAll(false)}>
            {msg.common.cancel}
          </Button>
          <Button variant="danger" onClick={() => void revokeAll()}>
            {settingsMsg.sessions.confirmSubmit}
          </Button>
        </div>
      </Dialog>
    </SettingsSection>
  );
}

function SessionRow({session, onRevoke}: {session: Session; onRevoke: () => void}) {
  const device = describeDevice(session.userAgent);
  const lastUsed = new Date(session.lastUsedAt);
  return (
    <li aria-label={device} className="flex items-center gap-4 py-3">
      <div className="min-w-0 flex-1">
        <p className="font-medium">
          {device}
          {session.current ? (
            <span className="ml-2 rounded bg-brand/15 px-1.5 py-0.5 text-xs font-semibold">
              {settingsMsg.sessions.thisDevice}
            </span>
          ) : null}
        </p>
        <p className="text-sm text-ink-muted">
          {settingsMsg.sessions.details(lastUsed, session.ip, new Date(session.createdAt))}
        </p>
      </div>
      <Button
        variant="ghost"
        onClick={onRevoke}
        aria-label={
          session.current
            ? settingsMsg.sessions.signOutThis
            : settingsMsg.sessions.signOutDevice(device, lastUsed)
        }
      >
        {settingsMsg.sessions.signOut}
      </Button>
    </li>
  );
}
