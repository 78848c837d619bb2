import {useId, useState} from 'react';
import {create} from 'zustand';
import {Button, Dialog} from './ui.tsx';
import {msg} from '../i18n/index.ts';

/** What a confirmation asks: its words, and whether the action destroys something. */
export type ConfirmRequest = {
  title: string;
  /** What will happen, in a sentence or two. */
  body: string;
  confirmLabel: string;
  /** Danger colours on the confirm button (delete, kick, ban). */
  destructive?: boolean;
  /** Offer "Don't ask again for this session"; the answer is kept under this key. */
  skipKey?: string;
};

type Pending = ConfirmRequest & {resolve: (ok: boolean) => void};

const useConfirmStore = create<{pending: Pending | undefined}>(() => ({pending: undefined}));

const SKIP_PREFIX = 'chorus-skip-confirm:';

/** Has the person said "don't ask again" for `skipKey` in this browser session? */
export function skipsConfirm(skipKey: string): boolean {
  try {
    return sessionStorage.getItem(SKIP_PREFIX + skipKey) === '1';
  } catch {
    return false;
  }
}

/**
 * Asks in the app's own dialog (never the browser's `confirm()`); resolves
 * true when confirmed. A request with a `skipKey` the person chose to skip
 * for this session resolves true at once. One question at a time: a new one
 * answers an open one "no".
 */
export function confirmAction(request: ConfirmRequest): Promise<boolean> {
  if (request.skipKey && skipsConfirm(request.skipKey)) return Promise.resolve(true);
  useConfirmStore.getState().pending?.resolve(false);
  return new Promise(resolve => {
    useConfirmStore.setState({
      pending: {
        ...request,
        resolve: ok => {
          useConfirmStore.setState({pending: undefined});
          resolve(ok);
        },
      },
    });
  });
}

/** Where confirmations show: mounted once, in the app shell. */
export function ConfirmHost() {
  const pending = useConfirmStore(s => s.pending);
  return pending ? <ConfirmDialog key={pending.title + pending.body} request={pending} /> : null;
}

function ConfirmDialog({request}: {request: Pending}) {
  const [skip, setSkip] = useState(false);
  const skipID = useId();
  const answer = (ok: boolean) => {
    if (ok && skip && request.skipKey) {
      try {
        sessionStorage.setItem(SKIP_PREFIX + request.skipKey, '1');
      } catch {
        // Storage refused: the next delete asks again, which is safe.
      }
    }
    request.resolve(ok);
  };
  return (
    <Dialog title={request.title} open onClose={() => answer(false)}>
      <p className="text-sm">{request.body}</p>
      {request.skipKey ? (
        <label htmlFor={skipID} className="flex items-center gap-2 text-sm text-ink-muted">
          <input
            id={skipID}
            type="checkbox"
            checked={skip}
            onChange={e => setSkip(e.currentTarget.checked)}
          />
          {msg.confirm.dontAskAgain}
        </label>
      ) : null}
      <div className="flex justify-end gap-2">
        <Button type="button" variant="ghost" onClick={() => answer(false)}>
          {msg.common.cancel}
        </Button>
        <Button
          type="button"
          variant={request.destructive ? 'danger' : 'primary'}
          autoFocus
          onClick={() => answer(true)}
        >
          {request.confirmLabel}
        </Button>
      </div>
    </Dialog>
  );
}
