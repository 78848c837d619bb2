import {useId, useState, type FormEvent} from 'react';
import {Link} from 'react-router';
import {Alert, Button} from '../components/ui.tsx';
import {agentsMsg} from '../i18n/agents.ts';
import {addAgentToServer} from './agent-api.ts';
import {useAgents} from './use-agents.ts';

const m = agentsMsg.server;

/**
 * [AG4] Server settings, for owners and admins: add one of my agents to the
 * server (agents never join by code). The member list shows it once Zero
 * brings the membership.
 */
export function ServerAgents({serverID, memberIDs}: {serverID: string; memberIDs: ReadonlySet<string>}) {
  const headingID = useId();
  const selectID = useId();
  const {agents, error: loadError} = useAgents();
  const [picked, setPicked] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{tone: 'ok' | 'danger'; text: string}>();
  const addable = (agents ?? []).filter(a => !a.disabled && !memberIDs.has(a.id));
  const chosen = addable.find(a => a.id === picked) ?? addable[0];

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!chosen) return;
    setBusy(true);
    setResult(undefined);
    try {
      await addAgentToServer(serverID, chosen.id);
      setResult({tone: 'ok', text: m.added(chosen.name)});
      setPicked('');
    } catch (err) {
      setResult({tone: 'danger', text: (err as Error).message});
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby={headingID} className="flex flex-col gap-2">
      <h2 id={headingID} className="font-semibold">
        {m.title}
      </h2>
      <p className="text-sm text-ink-muted">{m.help}</p>
      {loadError ? <Alert>{loadError}</Alert> : null}
      {!agents ? null : addable.length === 0 ? (
        <p className="text-sm text-ink-muted">{m.none}</p>
      ) : (
        <form onSubmit={e => void onSubmit(e)} className="flex flex-wrap items-end gap-2">
          <div className="flex flex-col gap-1">
            <label htmlFor={selectID} className="text-sm font-medium">
              {m.pick}
            </label>
            <select
              id={selectID}
              value={chosen?.id ?? ''}
              onChange={e => setPicked(e.target.value)}
              className="rounded-lg border border-surface-3 bg-surface px-3 py-2"
            >
              {addable.map(a => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </div>
          <Button type="submit" disabled={busy}>
            {busy ? m.adding : m.add}
          </Button>
        </form>
      )}
      {result ? <Alert tone={result.tone}>{result.text}</Alert> : null}
      <Link to="/settings/agents" className="self-start text-sm text-ink-muted underline">
        {m.manage}
      </Link>
    </section>
  );
}
