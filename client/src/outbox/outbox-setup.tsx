import {useZero} from '@rocicorp/zero/react';
import {lazy, Suspense, useEffect} from 'react';
import {requestOutboxSync} from '../lib/background-sync.ts';
import {useToastStore} from '../stores/toast-store.ts';
import {noteConversationReadMark, noteReadMark} from '../lib/read-marks.ts';
import {msg} from '../i18n/index.ts';
import {useLiveMessageStore} from '../live/live-message-store.ts';
import {Outbox} from './outbox.ts';
import {useOutboxStore} from './outbox-store.ts';
import {zeroTransport} from './transport.ts';

// Only when a write has failed: kept out of the first load.
const FailedWrites = lazy(() => import('./failed-writes.tsx'));

/**
 * The signed-in person's outbox, bound to their Zero: replays on start (when
 * this tab becomes the leader), whenever Zero connects again, and when the
 * browser says it is back online. A new person gets a new outbox; the last
 * one's entries stay in IndexedDB under their id [OB4]. When the page is
 * hidden or closed with writes pending, it asks the service worker for a
 * Background Sync, which replays them after the tab is gone.
 */
export function OutboxSetup({userID}: {userID: string}) {
  const zero = useZero();
  const anyFailed = useOutboxStore(s => s.entries.some(e => e.state === 'failed'));
  useEffect(() => {
    // Known synchronously, for `pagehide`: a closing page has no time to
    // read IndexedDB. Set as soon as a write is stored, before the entry
    // list that shows it is read back.
    let pending = false;
    const outbox = new Outbox({
      userID,
      transport: zeroTransport(zero, message => useLiveMessageStore.getState().putSent(userID, message)),
      onNotDurable: () => {
        useOutboxStore.setState({durable: false});
        useToastStore.getState().show(msg.outbox.notDurable, 'info');
      },
      onStored: () => {
        pending = true;
      },
    });
    useOutboxStore.setState({outbox, entries: [], durable: true});
    const offEntries = outbox.subscribe(entries => {
      pending = entries.some(e => e.state === 'pending');
      useOutboxStore.setState({entries});
      // Marks still on their way count as read here, after a reload too.
      for (const e of entries) {
        if (e.kind === 'read.mark') noteReadMark(e.args.roomID, e.args.readAt);
        else if (e.kind === 'dm.read') noteConversationReadMark(e.args.conversationID, e.args.readAt);
      }
    });
    // [OB5] Whether the replica can catch up decides how long the fast lane
    // shows what it lacks; then my confirmed sends it may still lack, after a reload.
    const live = useLiveMessageStore.getState();
    live.setZeroConnected(zero.connection.state.current.name === 'connected');
    void live.restoreSent(userID);
    const offConnection = zero.connection.state.subscribe(state => {
      useLiveMessageStore.getState().setZeroConnected(state.name === 'connected');
      if (state.name === 'connected') outbox.kick();
    });
    const online = () => outbox.kick();
    // Only on hiding or closing: a sync registered while this tab replays
    // would find its lock held and be put off to the browser's next try,
    // minutes later.
    const leaving = () => {
      if (pending) void requestOutboxSync();
    };
    const hidden = () => {
      if (document.visibilityState === 'hidden') leaving();
    };
    window.addEventListener('online', online);
    document.addEventListener('visibilitychange', hidden);
    window.addEventListener('pagehide', leaving);
    return () => {
      window.removeEventListener('online', online);
      document.removeEventListener('visibilitychange', hidden);
      window.removeEventListener('pagehide', leaving);
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
