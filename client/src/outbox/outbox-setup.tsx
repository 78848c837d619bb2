import {useZero} from '@rocicorp/zero/react';
import {lazy, Suspense, useEffect} from 'react';
import {useToastStore} from '../stores/toast-store.ts';
import {useUnreadStore} from '../stores/unread-store.ts';
import {msg} from '../i18n/index.ts';
import {Outbox} from './outbox.ts';
import {useOutboxStore} from './outbox-store.ts';
import {zeroTransport} from './transport.ts';

// Only when a write has failed: kept out of the first load.
const FailedWrites = lazy(() => import('./failed-writes.tsx'));

/**
 * The signed-in person's outbox, bound to their Zero: replays on start (when
 * this tab becomes the leader), whenever Zero connects again, and when the
 * browser says it is back online. A new person gets a new outbox; the last
 * one's entries stay in IndexedDB under their id [OB4].
 */
export function OutboxSetup({userID}: {userID: string}) {
  const zero = useZero();
  const anyFailed = useOutboxStore(s => s.entries.some(e => e.state === 'failed'));
  useEffect(() => {
    const outbox = new Outbox({
      userID,
      transport: zeroTransport(zero),
      onNotDurable: () => {
        useOutboxStore.setState({durable: false});
        useToastStore.getState().show(msg.outbox.notDurable, 'info');
      },
    });
    useOutboxStore.setState({outbox, entries: [], durable: true});
    const noteRead = useUnreadStore.getState().noteRead;
    const offEntries = outbox.subscribe(entries => {
      useOutboxStore.setState({entries});
      // Marks still on their way count as read here, after a reload too.
      for (const e of entries) if (e.kind === 'read.mark') noteRead(e.args.roomID, e.args.readAt);
    });
    const offConnection = zero.connection.state.subscribe(state => {
      if (state.name === 'connected') outbox.kick();
    });
    const online = () => outbox.kick();
    window.addEventListener('online', online);
    return () => {
      window.removeEventListener('online', online);
      offConnection();
      offEntries();
      outbox.dispose();
      if (useOutboxStore.getState().outbox === outbox)
        useOutboxStore.setState({outbox: undefined, entries: []});
    };
  }, [zero, userID]);
  return anyFailed ? (
    <Suspense fallback={null}>
      <FailedWrites />
    </Suspense>
  ) : null;
}
