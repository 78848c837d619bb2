import {catalogSection} from './index.ts';

/**
 * The search pages of a server and of direct messages, and their results.
 *
 * These words load with the screens that show them, not with the room route
 * (issue 7). A translation is an object of type `SearchCatalog`, added to the record
 * given to `catalogSection` below.
 */
export const searchEn = {
  label: 'Search messages',
  placeholder: 'Search — try from:name in:room in:@name has:file',
  unknownPerson: (name: string) => `Nobody called “${name}” is in this server.`,
  unknownRoom: (room: string) => `No room called “${room}” here.`,
  hint: 'Type at least two characters, or a filter.',
  empty: 'No messages match.',
  searching: 'Searching…',
  results: 'Search results',
  inRoom: (room: string | undefined) => `in #${room ?? ''}`,
  /** [DM2] `in:@name`: my direct conversation with that person. */
  withPerson: (name: string) => `with @${name}`,
  noConversation: (name: string) => `You have no direct conversation with “${name}”.`,
  notInConversation: (name: string) => `Nobody called “${name}” is in this conversation.`,
  roomsInServers: 'Search a room from its server. Here, try in:@name.',
  dmPlaceholder: 'Search — try in:@name from:name has:file',
  dmHint: 'Type in:@name to search your conversation with someone, then words to find.',
  further: 'Looking further back on the server…',
};

export type SearchCatalog = typeof searchEn;

export const searchMsg: SearchCatalog = catalogSection({en: searchEn});
