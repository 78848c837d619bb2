import {useId, useState} from 'react';
import {Button, Dialog} from '../components/ui.tsx';
import {agentsMsg} from '../i18n/agents.ts';
import type {AgentSecrets} from './agent-api.ts';

/**
 * The secrets the server shows once (AG2, AG8): the API key after creating
 * or rotating, the webhook signing secret after a first webhook URL. They
 * live only in this dialog's props: never stored, never in the URL or the
 * history state, gone when it closes.
 */
export function SecretDialog({
  title,
  secrets,
  onClose,
}: {
  title: string;
  secrets: AgentSecrets | undefined;
  onClose: () => void;
}) {
  const s = agentsMsg.secret;
  return (
    <Dialog title={title} open={secrets !== undefined} onClose={onClose}>
      {secrets?.apiKey ? <SecretField label={s.apiKey} value={secrets.apiKey} note={s.onceNote} /> : null}
      {secrets?.webhookSecret ? (
        <SecretField label={s.webhookSecret} value={secrets.webhookSecret} note={s.onceNoteSecret} />
      ) : null}
      <div className="flex justify-end">
        <Button onClick={onClose}>{s.done}</Button>
      </div>
    </Dialog>
  );
}

function SecretField({label, value, note}: {label: string; value: string; note: string}) {
  const s = agentsMsg.secret;
  const id = useId();
  const [copied, setCopied] = useState<'yes' | 'failed'>();
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  }
  return (
    <div className="flex flex-col gap-2">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <p id={`${id}-note`} className="rounded-lg border border-brand/40 px-3 py-2 text-sm">
        {note}
      </p>
      <div className="flex items-center gap-2">
        <input
          id={id}
          readOnly
          value={value}
          aria-describedby={`${id}-note`}
          onFocus={e => e.currentTarget.select()}
          className="min-w-0 flex-1 rounded-lg border border-surface-3 bg-surface-2 px-3 py-2 font-mono text-sm"
        />
        <Button type="button" variant="ghost" onClick={() => void copy()} aria-label={s.copyNamed(label)}>
          {s.copy}
        </Button>
      </div>
      <p role="status" className="min-h-5 text-sm text-ink-muted">
        {copied === 'yes' ? s.copied : copied === 'failed' ? s.copyFailed : ''}
      </p>
    </div>
  );
}
