import {useMemo} from 'react';
import {useOutboxStore} from './outbox-store.ts';
import type {OutboxEntry} from './types.ts';

const NONE: readonly OutboxEntry[] = [];

/** My unconfirmed writes in one scope (`room:<id>`), by seq; the same array while none change. */
export function useOutboxEntries(scope: string): readonly OutboxEntry[] {
  const entries = useOutboxStore(s => s.entries);
  return useMemo(() => {
    const mine = entries.filter(e => e.scope === scope && e.kind !== 'read.mark');
    return mine.length ? mine : NONE;
  }, [entries, scope]);
}
