import {
  parseChannel,
  whereConversationMember,
  whereRoomReadable,
  whereServerMember,
  zql,
} from '@chorus/schema';
import type {Deps} from '../deps.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * [LV2] Who may subscribe to a channel: exactly who may read its rows
 * through Zero, by the same read rules (one implementation, `permissions.ts`):
 * a room's channel its readers [R1], a conversation's its members [DM2], a
 * server's presence its members [S1], a person's own channel that person.
 */
export async function mayUseChannel(
  deps: Pick<Deps, 'zqlDb'>,
  userID: string,
  channel: string,
): Promise<boolean> {
  const parsed = parseChannel(channel);
  if (!parsed || !Object.values(parsed).every(v => v === parsed.kind || UUID.test(v))) return false;
  return deps.zqlDb.transaction(async tx => {
    switch (parsed.kind) {
      case 'user':
        return parsed.userID === userID;
      case 'room': {
        const room = zql.rooms.where('id', parsed.roomID).where('serverID', parsed.serverID);
        return (await tx.run(whereRoomReadable(room, userID).one())) !== undefined;
      }
      case 'dm': {
        const conversation = zql.directConversations.where('id', parsed.conversationID);
        return (await tx.run(whereConversationMember(conversation, userID).one())) !== undefined;
      }
      case 'presence': {
        const server = zql.servers.where('id', parsed.serverID);
        return (await tx.run(whereServerMember(server, userID).one())) !== undefined;
      }
    }
  });
}
