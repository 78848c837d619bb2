import {create} from 'zustand';
import type {Outbox} from './outbox.ts';
import type {OutboxEntry} from './types.ts';

/** The signed-in person's outbox as the UI sees it. */
type OutboxState = {
  /** Their unconfirmed writes, by seq (pending and failed). */
  entries: readonly OutboxEntry[];
  /** False when writes are kept only in memory (IndexedDB refused or full): offline writes are off. */
  durable: boolean;
  outbox: Outbox | undefined;
};

export const useOutboxStore = create<OutboxState>(() => ({entries: [], durable: true, outbox: undefined}));
