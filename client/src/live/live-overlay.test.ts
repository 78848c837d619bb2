import type {LiveMessage} from '@chorus/schema';
import {describe, expect, it} from 'vitest';
import type {MessageRow} from '../messages/types.ts';
import {LIVE_OVERLAY_TTL_MS, liveOverlay, newer, settledIDs, type LiveEntry} from './live-overlay.ts';

const ROOM = 'room-1';
const where = {roomID: ROOM, parentMessageID: null};
const NOW = 100_000;

const row = (id: string, createdAt: number, extra: Partial<MessageRow> = {}): MessageRow => ({
  id,
  roomID: ROOM,
  conversationID: null,
  userID: 'bob',
  content: id,
  parentMessageID: null,
  replyCount: 0,
  lastReplyAt: null,
  createdAt,
  editedAt: null,
  deletedAt: null,
  reactions: [{id: 'r1', emoji: '👍', userID: 'ann'}],
  ...extra,
});
const live = (id: string, createdAt: number, extra: Partial<LiveMessage> = {}): LiveMessage => ({
  id,
  roomID: ROOM,
  conversationID: null,
  userID: 'ann',
  content: `live ${id}`,
  parentMessageID: null,
  replyCount: 0,
  createdAt,
  author: {id: 'ann', username: 'ann', userType: 'human'},
  ...extra,
});
const entry = (message: LiveMessage, receivedAt = NOW - 1000): LiveEntry => ({message, receivedAt});

describe('the fast lane over the replica', () => {
  it('shows a new message the replica lacks, in time order, with its author', () => {
    const a = row('a', 1000);
    const b = row('b', 3000);
    const shown = liveOverlay([a, b], [entry(live('n', 2000))], where, NOW);
    expect(shown.map(r => r.id)).toEqual(['a', 'n', 'b']);
    expect(shown[0]).toBe(a);
    expect(shown[2]).toBe(b);
    expect(shown[1]).toMatchObject({content: 'live n', author: {username: 'ann'}, reactions: []});
  });

  it('shows it once: when the replica has the id, the replica row and no other', () => {
    const synced = row('n', 2000, {content: 'from zero'});
    const shown = liveOverlay([row('a', 1000), synced], [entry(live('n', 2000))], where, NOW);
    expect(shown.map(r => r.id)).toEqual(['a', 'n']);
    expect(shown[1]).toBe(synced);
    expect(settledIDs([synced], [entry(live('n', 2000))])).toEqual(['n']);
  });

  it(`drops an entry ${LIVE_OVERLAY_TTL_MS / 1000} s after it arrived: the replica is the truth again`, () => {
    const rows = [row('a', 1000)];
    const e = entry(live('n', 2000), NOW - LIVE_OVERLAY_TTL_MS);
    expect(liveOverlay(rows, [e], where, NOW)).toBe(rows);
    expect(liveOverlay(rows, [e], where, NOW - 1)).toHaveLength(2);
  });

  it('returns the rows themselves when nothing applies', () => {
    const rows = [row('a', 1000)];
    expect(liveOverlay(rows, [], where, NOW)).toBe(rows);
    expect(liveOverlay(rows, [entry(live('a', 1000))], where, NOW)).toBe(rows);
  });

  it('keeps other places, other threads and unloaded history out', () => {
    const rows = [row('a', 1000)];
    const elsewhere = entry(live('x', 2000, {roomID: 'room-2'}));
    // A reply to a message the list does not hold (one it holds counts on it: below).
    const reply = entry(live('y', 2000, {parentMessageID: 'q'}));
    const old = entry(live('z', 500, {editedAt: 90_000}));
    expect(liveOverlay(rows, [elsewhere, reply, old], where, NOW)).toBe(rows);
    expect(liveOverlay([], [reply], {roomID: ROOM, parentMessageID: 'q'}, NOW).map(r => r.id)).toEqual(['y']);
    const dm = entry(live('d', 2000, {roomID: null, conversationID: 'c-1'}));
    expect(liveOverlay([], [dm], {conversationID: 'c-1', parentMessageID: null}, NOW)).toHaveLength(1);
    expect(liveOverlay([], [dm], where, NOW)).toHaveLength(0);
  });

  it('applies an edit only while the replica row is older, keeping its reactions', () => {
    const a = row('a', 1000);
    const edit = entry(live('a', 1000, {content: 'edited', editedAt: 5000}));
    const [shown] = liveOverlay([a], [edit], where, NOW);
    expect(shown).toMatchObject({content: 'edited', editedAt: 5000, reactions: a.reactions});
    expect(settledIDs([a], [edit])).toEqual([]);
    // The replica caught up, or has a later edit: it wins.
    const caughtUp = row('a', 1000, {content: 'edited', editedAt: 5000});
    expect(liveOverlay([caughtUp], [edit], where, NOW)[0]).toBe(caughtUp);
    const later = row('a', 1000, {content: 'later', editedAt: 6000});
    expect(liveOverlay([later], [edit], where, NOW)[0]).toBe(later);
    expect(settledIDs([later], [edit])).toEqual(['a']);
  });

  it('applies a delete until the replica has it deleted, and never undoes a replica delete', () => {
    const a = row('a', 1000);
    const del = entry(live('a', 1000, {content: '', deletedAt: 5000}));
    expect(liveOverlay([a], [del], where, NOW)[0]).toMatchObject({
      content: '',
      deletedAt: 5000,
      reactions: [],
    });
    const gone = row('a', 1000, {content: '', deletedAt: 4000});
    expect(liveOverlay([gone], [entry(live('a', 1000, {editedAt: 5000}))], where, NOW)[0]).toBe(gone);
    expect(settledIDs([gone], [del])).toEqual(['a']);
  });

  it('keeps the later of two events about one message, a delete over any edit', () => {
    const created = live('a', 1000);
    const edited = live('a', 1000, {content: 'e', editedAt: 2000});
    const deleted = live('a', 1000, {deletedAt: 3000});
    expect(newer(undefined, created)).toBe(created);
    expect(newer(created, edited)).toBe(edited);
    expect(newer(edited, created)).toBe(edited);
    expect(newer(deleted, edited)).toBe(deleted);
    expect(newer(edited, deleted)).toBe(deleted);
  });

  it('[LV] counts a new reply on its parent until the replica counts it, then leaves the parent as the replica has it', () => {
    const parent = row('p', 1000, {replyCount: 1, lastReplyAt: 1500});
    const reply = live('r', 2000, {parentMessageID: 'p'});
    const shown = liveOverlay([parent], [entry(reply)], where, NOW);
    expect(shown.map(r => r.id)).toEqual(['p']);
    expect(shown[0]).toMatchObject({replyCount: 2, lastReplyAt: 2000});
    const synced = row('p', 1000, {replyCount: 2, lastReplyAt: 2000});
    expect(liveOverlay([synced], [entry(reply)], where, NOW)[0]).toBe(synced);
    // A deleted reply, or one whose parent is not listed, changes nothing.
    const gone = live('r', 2000, {parentMessageID: 'p', deletedAt: 2500});
    expect(liveOverlay([parent], [entry(gone)], where, NOW)).toEqual([parent]);
    expect(liveOverlay([parent], [entry(live('x', 2000, {parentMessageID: 'q'}))], where, NOW)).toEqual([
      parent,
    ]);
  });
});
