import {useState} from 'react';
import {Alert, Button} from '../components/ui.tsx';
import {useFormAction} from '../hooks/use-form-action.ts';
import {msg} from '../i18n/index.ts';
import {agentsMsg} from '../i18n/agents.ts';
import {updateAgent, type Agent, type AgentFields, type AgentSecrets} from './agent-api.ts';
import {AgentFieldset, readAgentFields, showsBesideFields} from './agent-fields.tsx';

const sameScopes = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every(s => b.includes(s));

/**
 * An agent's name, picture, webhook (and what it hears of), scopes and rate limit. Only what changed
 * is sent, so an untouched field never fails the save. A first webhook URL
 * gets a signing secret, handed to `onSecrets` to show once.
 */
export function AgentSettingsForm({
  agent,
  onSaved,
  onSecrets,
}: {
  agent: Agent;
  onSaved: (agent: Agent) => void;
  onSecrets: (secrets: AgentSecrets) => void;
}) {
  const [notice, setNotice] = useState<string>();
  const {busy, error, onSubmit} = useFormAction(async form => {
    setNotice(undefined);
    const next = readAgentFields(form);
    const changes: Partial<AgentFields> = {};
    if (next.name !== agent.name) changes.name = next.name;
    if (next.pictureUrl !== agent.pictureUrl) changes.pictureUrl = next.pictureUrl;
    if (next.webhookUrl !== agent.webhookUrl) changes.webhookUrl = next.webhookUrl;
    if (next.webhookEvents !== agent.webhookEvents) changes.webhookEvents = next.webhookEvents;
    if (!sameScopes(next.scopes, agent.scopes)) changes.scopes = next.scopes;
    if (next.rateLimitPerHour !== agent.rateLimitPerHour) changes.rateLimitPerHour = next.rateLimitPerHour;
    if (Object.keys(changes).length === 0) {
      setNotice(agentsMsg.page.unchanged);
      return;
    }
    const {webhookSecret, ...saved} = await updateAgent(agent.id, changes);
    onSaved(saved);
    setNotice(agentsMsg.page.saved);
    if (webhookSecret) onSecrets({webhookSecret});
  });
  const fieldErrors = error?.fieldErrors ?? {};
  return (
    <form
      onSubmit={e => void onSubmit(e)}
      noValidate
      className="flex flex-col gap-4"
      // Fresh defaults whenever a saved field changes (not on a key rotation,
      // which would drop what is being typed).
      key={JSON.stringify([
        agent.name,
        agent.pictureUrl,
        agent.webhookUrl,
        agent.webhookEvents,
        agent.scopes,
        agent.rateLimitPerHour,
        agent.disabled,
      ])}
    >
      <AgentFieldset agent={agent} fieldErrors={fieldErrors} disabled={agent.disabled} />
      {error && !showsBesideFields(fieldErrors) ? <Alert>{error.message}</Alert> : null}
      {notice ? <Alert tone="ok">{notice}</Alert> : null}
      {agent.disabled ? null : (
        <div>
          <Button type="submit" disabled={busy}>
            {busy ? msg.common.saving : agentsMsg.page.save}
          </Button>
        </div>
      )}
    </form>
  );
}
