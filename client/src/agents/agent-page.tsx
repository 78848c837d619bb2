import {useEffect, useId, useState, type ReactNode} from 'react';
import {Link, useNavigate, useParams} from 'react-router';
import {AgentBadge} from '../components/agent-badge.tsx';
import {Avatar} from '../components/avatar.tsx';
import {confirmAction} from '../components/confirm-dialog.tsx';
import {Alert, Button} from '../components/ui.tsx';
import {ApiError} from '../lib/api.ts';
import {agentsMsg} from '../i18n/agents.ts';
import {
  deleteAgent,
  getAgent,
  rotateKey,
  sendTestEvent,
  type Agent,
  type AgentSecrets,
  type TestResult,
} from './agent-api.ts';
import {AgentDeliveriesSection} from './agent-deliveries.tsx';
import {AgentLogSection} from './agent-log.tsx';
import {AgentSettingsForm} from './agent-settings-form.tsx';
import {SecretDialog} from './secret-dialog.tsx';

const p = agentsMsg.page;

/** `/settings/agents/:agentId`: one of my agents — settings, key, webhook, audit log, dead letters. */
export function AgentPage() {
  const {agentId = ''} = useParams();
  const [agent, setAgent] = useState<Agent>();
  const [error, setError] = useState<{message: string; missing: boolean}>();

  useEffect(() => {
    let live = true;
    setAgent(undefined);
    getAgent(agentId).then(
      found => live && setAgent(found),
      (err: unknown) =>
        live &&
        setError({
          message: (err as Error).message,
          missing: err instanceof ApiError && (err.status === 404 || err.status === 400),
        }),
    );
    return () => {
      live = false;
    };
  }, [agentId]);

  return (
    <div className="flex flex-col gap-6">
      <Link to="/settings/agents" className="self-start text-sm text-ink-muted underline">
        {p.back}
      </Link>
      {agent ? (
        <AgentDetails agent={agent} onChange={setAgent} />
      ) : error ? (
        <Alert>{error.missing ? p.unavailable : error.message}</Alert>
      ) : (
        <p role="status" className="text-ink-muted">
          {p.loading}
        </p>
      )}
    </div>
  );
}

function AgentDetails({agent, onChange}: {agent: Agent; onChange: (agent: Agent) => void}) {
  const navigate = useNavigate();
  const [secrets, setSecrets] = useState<{title: string; secrets: AgentSecrets}>();
  const [actionError, setActionError] = useState<string>();
  const [testing, setTesting] = useState(false);
  const [test, setTest] = useState<TestResult>();
  const [deliveriesVersion, setDeliveriesVersion] = useState(0);

  async function rotate() {
    const ok = await confirmAction({
      title: p.rotateTitle(agent.name),
      body: p.rotateBody,
      confirmLabel: p.rotateConfirm,
    });
    if (!ok) return;
    setActionError(undefined);
    try {
      const {apiKey, keyPrefix} = await rotateKey(agent.id);
      onChange({...agent, keyPrefix});
      setSecrets({title: agentsMsg.secret.rotatedTitle(agent.name), secrets: {apiKey}});
    } catch (err) {
      setActionError((err as Error).message);
    }
  }

  async function sendTest() {
    setTesting(true);
    setTest(undefined);
    setActionError(undefined);
    try {
      setTest(await sendTestEvent(agent.id));
      setDeliveriesVersion(v => v + 1);
    } catch (err) {
      setActionError((err as Error).message);
    } finally {
      setTesting(false);
    }
  }

  async function remove() {
    const ok = await confirmAction({
      title: p.deleteTitle(agent.name),
      body: p.deleteBody,
      confirmLabel: p.delete,
      destructive: true,
    });
    if (!ok) return;
    try {
      await deleteAgent(agent.id);
      navigate('/settings/agents', {replace: true});
    } catch (err) {
      setActionError((err as Error).message);
    }
  }

  return (
    <>
      <header className="flex items-center gap-3">
        <Avatar profile={{username: agent.name, pictureUrl: agent.pictureUrl}} size={48} />
        <h1 className="flex items-center gap-2 text-xl font-bold">
          {agent.name}
          <AgentBadge userType="ai_agent" size="md" />
        </h1>
      </header>
      {agent.disabled ? <Alert tone="info">{p.deletedNote}</Alert> : null}
      {actionError ? <Alert>{actionError}</Alert> : null}

      <Section title={p.settings}>
        <AgentSettingsForm
          agent={agent}
          onSaved={onChange}
          onSecrets={s => setSecrets({title: agentsMsg.secret.webhookTitle(agent.name), secrets: s})}
        />
      </Section>

      {agent.disabled ? null : (
        <>
          <Section title={p.key}>
            <p className="text-sm text-ink-muted">{p.keyHelp(agent.keyPrefix)}</p>
            <div>
              <Button variant="ghost" className="border border-surface-3" onClick={() => void rotate()}>
                {p.rotate}
              </Button>
            </div>
          </Section>
          <Section title={p.webhook}>
            <p className="text-sm break-all text-ink-muted">{p.webhookHelp(agent.webhookUrl)}</p>
            <div>
              <Button
                variant="ghost"
                className="border border-surface-3"
                disabled={testing || !agent.webhookUrl}
                onClick={() => void sendTest()}
              >
                {testing ? p.testing : p.test}
              </Button>
            </div>
            {test ? (
              <Alert tone={test.delivered ? 'ok' : 'danger'}>
                {test.delivered ? p.testDelivered(test.status) : p.testFailed(test.status, test.error)}
              </Alert>
            ) : null}
          </Section>
        </>
      )}

      <AgentLogSection agentID={agent.id} />
      <AgentDeliveriesSection agentID={agent.id} version={deliveriesVersion} />

      {agent.disabled ? null : (
        <Section title={p.danger} danger>
          <p className="text-sm text-ink-muted">{p.dangerHelp}</p>
          <div>
            <Button variant="danger" onClick={() => void remove()}>
              {p.delete}
            </Button>
          </div>
        </Section>
      )}

      <SecretDialog
        title={secrets?.title ?? ''}
        secrets={secrets?.secrets}
        onClose={() => setSecrets(undefined)}
      />
    </>
  );
}

function Section({title, danger, children}: {title: string; danger?: boolean; children: ReactNode}) {
  const id = useId();
  return (
    <section
      aria-labelledby={id}
      className={`flex flex-col gap-3 ${danger ? 'rounded-card border border-danger/40 p-4' : ''}`}
    >
      <h2 id={id} className={`font-semibold ${danger ? 'text-danger' : ''}`}>
        {title}
      </h2>
      {children}
    </section>
  );
}
