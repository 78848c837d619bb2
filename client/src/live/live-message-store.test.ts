import type {LiveMessage} from '@chorus/schema';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import type {KeptSends} from './kept-sends.ts';
import {setKeptSends, useLiveMessageStore} from './live-message-store.ts';
import {LIVE_OVERLAY_TTL_MS} from './live-overlay.ts';

const message = (id: string, extra: Partial<LiveMessage> = {}): LiveMessage => ({
  id,
  roomID: 'room-1',
  content: id,
  replyCount: 0,
  createdAt: 1000,
  ...extra,
});
const store = () => useLiveMessageStore.getState();

beforeEach(() => {
  vi.useFakeTimers();
  useLiveMessageStore.setState({entries: new Map(), zeroConnected: true});
});
afterEach(() => vi.useRealTimers());

describe('the fast lane’s store', () => {
  it('keeps the latest word on each message, a delete over a later edit', () => {
    store().put(message('a'));
    store().put(message('a', {deletedAt: 3000}));
    store().put(message('a', {editedAt: 4000, content: 'edited'}));
    expect(store().entries.get('a')?.message.deletedAt).toBe(3000);
    expect(store().entries.size).toBe(1);
  });

  it('forgets an entry LIVE_OVERLAY_TTL_MS after it came, or when the replica has it', () => {
    store().put(message('a'));
    store().put(message('b'));
    store().drop(['b']);
    expect([...store().entries.keys()]).toEqual(['a']);
    vi.advanceTimersByTime(LIVE_OVERLAY_TTL_MS - 1);
    expect(store().entries.has('a')).toBe(true);
    vi.advanceTimersByTime(1);
    expect(store().entries.size).toBe(0);
  });

  it('keeps it while Zero is away (the replica cannot catch up), then gives it one more period', () => {
    store().setZeroConnected(false);
    store().put(message('a'));
    vi.advanceTimersByTime(3 * LIVE_OVERLAY_TTL_MS);
    expect(store().entries.get('a')?.receivedAt).toBe(Date.now());
    store().setZeroConnected(true);
    vi.advanceTimersByTime(LIVE_OVERLAY_TTL_MS);
    expect(store().entries.size).toBe(0);
  });

  it('[OB5] keeps my confirmed sends across a reload until the replica has them, and only mine', async () => {
    const device = new Map<string, {userID: string; message: LiveMessage}>();
    const memory: KeptSends = {
      keep: async (userID, m) => void device.set(m.id, {userID, message: m}),
      list: async userID => [...device.values()].filter(k => k.userID === userID).map(k => k.message),
      forget: async ids => ids.forEach(id => device.delete(id)),
    };
    setKeptSends(memory);
    store().setZeroConnected(false);
    store().putSent('ana', message('mine-1'));
    store().putSent('ana', message('mine-2'));
    store().putSent('ben', message('bens'));
    store().put(message('someone-elses'));
    expect([...device.keys()]).toEqual(['mine-1', 'mine-2', 'bens']);

    // A reload: the store starts empty, and gets back what the device kept for ana.
    useLiveMessageStore.setState({entries: new Map(), zeroConnected: false});
    await store().restoreSent('ana');
    expect([...store().entries.keys()]).toEqual(['mine-1', 'mine-2']);
    // Offline for long: still shown.
    vi.advanceTimersByTime(4 * LIVE_OVERLAY_TTL_MS);
    expect(store().entries.size).toBe(2);

    // The replica has one: it leaves the store and the device.
    store().drop(['mine-1']);
    expect([...store().entries.keys()]).toEqual(['mine-2']);
    expect(device.has('mine-1')).toBe(false);
    // Back online, the other runs out like any fast-lane entry, and is forgotten too.
    store().setZeroConnected(true);
    vi.advanceTimersByTime(LIVE_OVERLAY_TTL_MS);
    expect(store().entries.size).toBe(0);
    expect([...device.keys()]).toEqual(['bens']);
  });
});
