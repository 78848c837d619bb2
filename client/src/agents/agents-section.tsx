import {useState} from 'react';
import {Link} from 'react-router';
import {AgentBadge} from '../components/agent-badge.tsx';
import {Avatar} from '../components/avatar.tsx';
import {Alert, Button, Dialog} from '../components/ui.tsx';
import {useFormAction} from '../hooks/use-form-action.ts';
import {SettingsSection} from '../settings/settings-section.tsx';
import {msg} from '../i18n/index.ts';
import {agentsMsg} from '../i18n/agents.ts';
import {settingsMsg} from '../i18n/settings.ts';
import {createAgent, type Agent, type AgentSecrets} from './agent-api.ts';
import {AgentFieldset, readAgentFields, showsBesideFields} from './agent-fields.tsx';
import {SecretDialog} from './secret-dialog.tsx';
import {useAgents} from './use-agents.ts';

/** Settings → AI agents: my agents, each opening its own page, and creating one (AG1). */
export function AgentsSection() {
  const {agents, error, reload} = useAgents();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{name: string; secrets: AgentSecrets}>();

  return (
    <SettingsSection title={settingsMsg.sections.agents} intro={agentsMsg.intro}>
      <div>
        <Button onClick={() => setCreating(true)}>{agentsMsg.create}</Button>
      </div>
      {error ? <Alert>{error}</Alert> : null}
      {!agents ? (
        error ? null : (
          <p role="status" className="text-ink-muted">
            {agentsMsg.loading}
          </p>
        )
      ) : agents.length === 0 ? (
        <p className="text-ink-muted">{agentsMsg.empty}</p>
      ) : (
        <ul aria-label={agentsMsg.list} className="flex flex-col divide-y divide-surface-3">
          {agents.map(agent => (
            <AgentRow key={agent.id} agent={agent} />
          ))}
        </ul>
      )}
      {creating ? (
        <CreateAgentDialog
          onClose={() => setCreating(false)}
          onCreated={(name, secrets) => {
            setCreating(false);
            setCreated({name, secrets});
            void reload();
          }}
        />
      ) : null}
      <SecretDialog
        title={created ? agentsMsg.secret.createdTitle(created.name) : ''}
        secrets={created?.secrets}
        onClose={() => setCreated(undefined)}
      />
    </SettingsSection>
  );
}

function AgentRow({agent}: {agent: Agent}) {
  return (
    <li className="flex items-center gap-3 py-3">
      <Avatar profile={{username: agent.name, pictureUrl: agent.pictureUrl}} size={36} />
      <div className="min-w-0 flex-1">
        <p className="flex items-center gap-2 font-medium">
          <Link
            to={`/settings/agents/${agent.id}`}
            className="truncate underline"
            aria-label={agentsMsg.open(agent.name)}
          >
            {agent.name}
          </Link>
          <AgentBadge userType="ai_agent" />
          {agent.disabled ? (
            <span className="rounded bg-surface-3 px-1.5 text-xs">{agentsMsg.deleted}</span>
          ) : null}
        </p>
        <p className="truncate text-sm text-ink-muted">
          {[
            agent.keyPrefix ? agentsMsg.keyPrefix(agent.keyPrefix) : undefined,
            agentsMsg.summary(agent.scopes.length, agent.rateLimitPerHour),
            agent.webhookUrl ?? agentsMsg.noWebhook,
          ]
            .filter(Boolean)
            .join(' · ')}
        </p>
      </div>
    </li>
  );
}

function CreateAgentDialog({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (name: string, secrets: AgentSecrets) => void;
}) {
  const {busy, error, onSubmit} = useFormAction(async form => {
    const created = await createAgent(readAgentFields(form));
    onCreated(created.name, {apiKey: created.apiKey, webhookSecret: created.webhookSecret});
  });
  const fieldErrors = error?.fieldErrors ?? {};
  return (
    <Dialog title={agentsMsg.create} open onClose={onClose}>
      <form onSubmit={e => void onSubmit(e)} noValidate className="flex flex-col gap-4">
        {error && !showsBesideFields(fieldErrors) ? <Alert>{error.message}</Alert> : null}
        <AgentFieldset fieldErrors={fieldErrors} />
        <div className="flex justify-end gap-2">
          <Button type="button" variant="ghost" onClick={onClose}>
            {msg.common.cancel}
          </Button>
          <Button type="submit" disabled={busy}>
            {busy ? agentsMsg.creating : agentsMsg.createSubmit}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
