import {format, type Instant} from './format.ts';
import {catalogSection} from './index.ts';

/**
 * The friends page. The server rail's Friends button is in `en.ts`.
 *
 * These words load with the screens that show them, not with the room route
 * (issue 7). A translation is an object of type `FriendsCatalog`, added to the record
 * given to `catalogSection` below.
 */
export const friendsEn = {
  title: 'Friends',
  tabs: {online: 'Online', all: 'All', pending: 'Pending', blocked: 'Blocked', add: 'Add friend'},
  tabsLabel: 'Friends lists',
  loading: 'Loading your friends…',
  emptyAll: 'No friends yet. Add someone by their username, or accept a request.',
  emptyOnline: 'None of your friends is here right now.',
  emptyPending: 'No requests waiting.',
  emptyBlocked: 'You have not blocked anyone.',
  incoming: 'Asked you',
  outgoing: 'You asked',
  short: {
    accept: 'Accept',
    reject: 'Decline',
    cancel: 'Cancel',
    remove: 'Remove',
    block: 'Block',
    unblock: 'Unblock',
  },
  accept: (name: string) => `Accept ${name}`,
  message: (name: string) => `Message ${name}`,
  reject: (name: string) => `Decline ${name}`,
  cancel: (name: string) => `Cancel the request to ${name}`,
  remove: (name: string) => `Remove ${name} from friends`,
  block: (name: string) => `Block ${name}`,
  unblock: (name: string) => `Unblock ${name}`,
  since: (when: Instant) => `Friends since ${format.dateTime(when)}`,
  addLabel: 'Username',
  addHint: 'Ask someone for their Chorus username (it is case-insensitive).',
  addSubmit: 'Send friend request',
  sent: (name: string) => `Friend request sent to ${name}.`,
  accepted: (name: string) => `You and ${name} are now friends.`,
  actions: {
    accept: 'Accepting the request',
    reject: 'Declining the request',
    cancel: 'Cancelling the request',
    remove: 'Removing the friend',
    block: 'Blocking',
    unblock: 'Unblocking',
  },
};

export type FriendsCatalog = typeof friendsEn;

export const friendsMsg: FriendsCatalog = catalogSection({en: friendsEn});
