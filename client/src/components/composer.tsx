import {limits, mutators} from '@chorus/schema';
import {useZero} from '@rocicorp/zero/react';
import {useState, type KeyboardEvent} from 'react';
import {newID} from '../lib/ids.ts';
import {useDraftStore} from '../stores/draft-store.ts';
import {clientResult} from '../lib/mutate.ts';

/** Enter sends, Shift+Enter breaks the line. The message shows at once (optimistic). */
export function Composer({roomID, roomName}: {roomID: string; roomName: string}) {
  const zero = useZero();
  const text = useDraftStore(s => s.drafts[roomID] ?? '');
  const setDraft = useDraftStore(s => s.setDraft);
  const setText = (value: string) => setDraft(roomID, value);
  const [error, setError] = useState<string>();

  async function send() {
    const content = text;
    if (!content.trim()) return;
    setError(undefined);
    setText('');
    const result = zero.mutate(mutators.message.send({id: newID(), roomID, content, createdAt: Date.now()}));
    try {
      await clientResult(result);
    } catch (err) {
      setText(content); // nothing typed is lost
      setError((err as Error).message);
      return;
    }
    void result.server.then(r => {
      if (r.type === 'error') {
        // The optimistic row is gone; give the text back so nothing is lost.
        setError(`Not sent: ${r.error.message}`);
        if (!useDraftStore.getState().drafts[roomID]) setText(content);
      }
    });
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void send();
    }
  }

  return (
    <form
      className="border-t border-surface-3 p-3"
      onSubmit={e => {
        e.preventDefault();
        void send();
      }}
    >
      {error ? (
        <p role="alert" className="mb-2 text-sm text-danger">
          {error}
        </p>
      ) : null}
      <div className="flex items-end gap-2 rounded-lg bg-surface-2 px-3 py-2 focus-within:ring-2 focus-within:ring-brand">
        <textarea
          aria-label={`Message #${roomName}`}
          placeholder={`Message #${roomName}`}
          value={text}
          maxLength={limits.messageContentMax}
          rows={1}
          onChange={e => setText(e.target.value)}
          onKeyDown={onKeyDown}
          className="max-h-48 flex-1 resize-none bg-transparent py-1 outline-none focus-visible:outline-none"
        />
        <button
          type="submit"
          className="rounded-md bg-brand px-3 py-1 text-sm font-medium text-white dark:text-[#111]"
        >
          Send
        </button>
      </div>
    </form>
  );
}
