import {useId} from 'react';
import {TextField} from '../components/ui.tsx';
import {ApiError} from '../lib/api.ts';
import {agentsMsg} from '../i18n/agents.ts';
import {AGENT_SCOPES, WEBHOOK_EVENTS, type Agent, type AgentFields} from './agent-api.ts';

/** The fields of the agent forms, as the API names them (for errors it returns per field). */
export const AGENT_FIELD_NAMES = [
  'name',
  'pictureUrl',
  'webhookUrl',
  'webhookEvents',
  'scopes',
  'rateLimitPerHour',
];

/** A field's own error: the API names a list's item as `scopes.0`, shown beside the list. */
function errorOf(fieldErrors: Record<string, string>, name: string): string | undefined {
  return (
    fieldErrors[name] ?? Object.entries(fieldErrors).find(([field]) => field.startsWith(`${name}.`))?.[1]
  );
}

/** Whether the form can show `fieldErrors` beside a field (otherwise it says them at the top). */
export const showsBesideFields = (fieldErrors: Record<string, string>) =>
  AGENT_FIELD_NAMES.some(name => errorOf(fieldErrors, name) !== undefined);

/**
 * The fields of an agent, for creating one (empty, the default scopes
 * ticked) and for changing one (its values). Read back with `readAgentFields`.
 */
export function AgentFieldset({
  agent,
  fieldErrors,
  disabled,
}: {
  agent?: Agent;
  fieldErrors: Record<string, string>;
  disabled?: boolean;
}) {
  const scopesID = useId();
  const eventsID = useId();
  const scopesError = errorOf(fieldErrors, 'scopes');
  const eventsError = errorOf(fieldErrors, 'webhookEvents');
  const events = agent?.webhookEvents ?? 'all';
  const scopes = agent?.scopes ?? ['messages:read', 'messages:write'];
  const f = agentsMsg.fields;
  return (
    <fieldset disabled={disabled} className="flex flex-col gap-4">
      <TextField
        label={f.name}
        name="name"
        defaultValue={agent?.name}
        required
        autoComplete="off"
        hint={f.nameHint}
        error={errorOf(fieldErrors, 'name')}
      />
      <TextField
        label={f.pictureUrl}
        name="pictureUrl"
        type="url"
        inputMode="url"
        defaultValue={agent?.pictureUrl ?? ''}
        placeholder={f.urlPlaceholder}
        hint={f.pictureHint}
        error={errorOf(fieldErrors, 'pictureUrl')}
      />
      <TextField
        label={f.webhookUrl}
        name="webhookUrl"
        type="url"
        inputMode="url"
        defaultValue={agent?.webhookUrl ?? ''}
        placeholder={f.urlPlaceholder}
        hint={f.webhookHint}
        error={errorOf(fieldErrors, 'webhookUrl')}
      />
      <fieldset
        aria-describedby={`${eventsID}-help`}
        aria-invalid={eventsError ? true : undefined}
        className="flex flex-col gap-1"
      >
        <legend className="text-sm font-medium">{f.webhookEvents}</legend>
        {WEBHOOK_EVENTS.map(value => (
          <label key={value} className="flex items-center gap-2 text-sm">
            <input type="radio" name="webhookEvents" value={value} defaultChecked={events === value} />
            {f.webhookEventNames[value]}
          </label>
        ))}
        <p id={`${eventsID}-help`} className={`text-sm ${eventsError ? 'text-danger' : 'text-ink-muted'}`}>
          {eventsError ?? f.webhookEventsHint}
        </p>
      </fieldset>
      <fieldset
        aria-describedby={`${scopesID}-help`}
        aria-invalid={scopesError ? true : undefined}
        className="flex flex-col gap-1"
      >
        <legend className="text-sm font-medium">{f.scopes}</legend>
        {AGENT_SCOPES.map(scope => (
          <label key={scope} className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="scopes" value={scope} defaultChecked={scopes.includes(scope)} />
            {f.scopeNames[scope] ?? scope}
          </label>
        ))}
        <p id={`${scopesID}-help`} className={`text-sm ${scopesError ? 'text-danger' : 'text-ink-muted'}`}>
          {scopesError ?? f.scopesHint}
        </p>
      </fieldset>
      <TextField
        label={f.rateLimit}
        name="rateLimitPerHour"
        type="number"
        inputMode="numeric"
        min={1}
        max={100_000}
        step={1}
        required
        defaultValue={agent?.rateLimitPerHour ?? 100}
        hint={f.rateLimitHint}
        error={errorOf(fieldErrors, 'rateLimitPerHour')}
      />
    </fieldset>
  );
}

/**
 * The form's values as the API takes them: empty links are none. A rate
 * limit that is not a whole number in range is refused here, beside its field.
 */
export function readAgentFields(form: FormData): AgentFields {
  const link = (name: string) => String(form.get(name) ?? '').trim() || null;
  const rate = Number(String(form.get('rateLimitPerHour') ?? '').trim());
  if (!Number.isInteger(rate) || rate < 1 || rate > 100_000) {
    throw new ApiError({
      title: 'Invalid input',
      status: 400,
      detail: agentsMsg.fields.rateLimitInvalid,
      field: 'rateLimitPerHour',
    });
  }
  return {
    name: String(form.get('name') ?? '').trim(),
    pictureUrl: link('pictureUrl'),
    webhookUrl: link('webhookUrl'),
    webhookEvents: form.get('webhookEvents') === 'mentions' ? 'mentions' : 'all',
    scopes: form.getAll('scopes').map(String),
    rateLimitPerHour: rate,
  };
}
