import {useOutboxStore} from './outbox-store.ts';
import type {Outbox} from './outbox.ts';
import type {OutboxEntry, OutboxWrite} from './types.ts';

/** The signed-in person's outbox, once it is set up (it is, before any page can write). */
function outbox(): Promise<Outbox> {
  const current = useOutboxStore.getState().outbox;
  if (current) return Promise.resolve(current);
  return new Promise(resolve => {
    const off = useOutboxStore.subscribe(s => {
      if (!s.outbox) return;
      off();
      resolve(s.outbox);
    });
  });
}

/**
 * [OB1] The one door for user writes: stored first, shown at once (the
 * message list overlays unconfirmed entries), sent in order, kept until the
 * server confirms. Resolves once the write is stored.
 */
export async function outboxWrite(write: OutboxWrite): Promise<OutboxEntry> {
  return (await outbox()).write(write);
}

export async function retryWrite(id: string): Promise<void> {
  await (await outbox()).retry(id);
}

export async function discardWrite(id: string): Promise<void> {
  await (await outbox()).discard(id);
}
