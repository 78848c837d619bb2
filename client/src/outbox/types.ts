import type {
  AddReactionArgs,
  EditMessageArgs,
  MarkConversationReadArgs,
  MarkRoomReadArgs,
  MessageIDArgs,
  RemoveReactionArgs,
  SendDirectMessageArgs,
  SendMessageArgs,
} from '@chorus/schema';

/**
 * The outbox's stored format: a contract with the service worker, which
 * replays these entries through REST after the tab is closed (README.md).
 * Change it only together with the service worker, with a new DB version.
 */
export const OUTBOX_DB = 'chorus-outbox';
export const OUTBOX_DB_VERSION = 1;
export const OUTBOX_STORE = 'entries';
export const BY_USER = 'byUser';
export const BY_USER_SEQ = 'byUserSeq';
/** Tabs (and the service worker) say "the outbox changed" here. */
export const OUTBOX_CHANNEL = 'chorus-outbox';
/** Web Lock held by whoever replays a person's outbox: a tab, or the service worker (`ifAvailable`). */
export const outboxLockName = (userID: string) => `chorus-outbox:${userID}`;

/** Each kind with the Zero mutator args it carries. */
export type OutboxArgs = {
  'message.send': SendMessageArgs;
  /** [DM4] A message in a direct conversation. */
  'dm.send': SendDirectMessageArgs;
  'message.edit': EditMessageArgs;
  'message.delete': MessageIDArgs;
  'reaction.add': AddReactionArgs;
  'reaction.remove': RemoveReactionArgs;
  'read.mark': MarkRoomReadArgs;
  /** [DM5] My read mark in a direct conversation. */
  'dm.read': MarkConversationReadArgs;
};
export type OutboxKind = keyof OutboxArgs;

/** The same write on the idempotent REST API; `path` starts with `/api/v1`. */
export type RestCall = {method: 'POST' | 'PATCH' | 'DELETE'; path: string; body?: unknown};

/** Why a write did not go: `code` is the server's error code or `OFFLINE`/`SERVER`/`STORAGE`. */
export type OutboxError = {code: string; message: string};

type EntryOf<K extends OutboxKind> = {
  /** The write's own id: the message id for sends, else a fresh one. */
  id: string;
  userID: string;
  /** Increasing per person: the replay order. */
  seq: number;
  /** `room:<roomID>` or `conversation:<id>`: replay keeps each scope's order. */
  scope: string;
  kind: K;
  args: OutboxArgs[K];
  rest: RestCall;
  state: 'pending' | 'failed';
  /** Handovers so far that failed on the server's side (offline tries are not counted). */
  attempts: number;
  error?: OutboxError;
  createdAt: number;
  updatedAt: number;
};

/** One write waiting for the server's confirmation (confirmed ones are deleted). */
export type OutboxEntry = {[K in OutboxKind]: EntryOf<K>}[OutboxKind];

/** What a caller hands to the outbox: the rest is filled in. */
export type OutboxWrite = {[K in OutboxKind]: {kind: K; args: OutboxArgs[K]; scope: string}}[OutboxKind];

export const roomScope = (roomID: string) => `room:${roomID}`;
export const conversationScope = (conversationID: string) => `conversation:${conversationID}`;
