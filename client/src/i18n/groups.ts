import {format, pluralizer} from './format.ts';
import {catalogSection} from './index.ts';

const plural = pluralizer('en');
const n = format.number;

/**
 * [DM3] Group conversations: starting one, its people, leaving it.
 *
 * These words load with the screens that show them, not with the room route
 * (issue 7). A translation is an object of type `GroupsCatalog`, added to the record
 * given to `catalogSection` below.
 */
export const groupsEn = {
  new: 'New group message',
  newTitle: 'New group message',
  create: 'Create group',
  pickLegend: 'Friends',
  pickHint: (min: number, max: number, chosen: number) =>
    `Choose ${n(min)} to ${n(max)} friends (${n(chosen)} chosen).`,
  chooseMore: (count: number) =>
    plural(count, {one: 'Choose at least one friend.', other: `Choose at least ${n(count)} friends.`}),
  noFriendsToAdd: 'No friends to choose. Add friends first, from the Add friend tab.',
  people: (count: number) => `People in this group, ${n(count)}`,
  peopleTitle: 'People in this group',
  creator: 'Started the group',
  you: 'You',
  full: 'This group is full.',
  add: 'Add people',
  addTitle: 'Add people',
  addSubmit: 'Add to group',
  addHint: (room: number, chosen: number) =>
    plural(room, {
      one: `Room for ${n(room)} more person (${n(chosen)} chosen).`,
      other: `Room for ${n(room)} more people (${n(chosen)} chosen).`,
    }),
  leave: 'Leave conversation',
  leaveTitle: 'Leave this conversation?',
  leaveBody:
    'You will no longer see its messages or hear about new ones. Only the person who started it can add you back.',
  actions: {
    create: 'Creating the group',
    add: 'Adding to the group',
    leave: 'Leaving the conversation',
  },
};

export type GroupsCatalog = typeof groupsEn;

export const groupsMsg: GroupsCatalog = catalogSection({en: groupsEn});
