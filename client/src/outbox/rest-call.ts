import type {OutboxWrite, RestCall} from './types.ts';

const v1 = '/api/v1';
const enc = encodeURIComponent;

/**
 * The REST call that makes the same change as a write's Zero mutator (see
 * api/src/routes/messages.ts, rooms.ts and conversations.ts). Each is idempotent: a send
 * carries its id, edits and read marks set a value, deletes and reactions
 * end in a state.
 */
export function restCallFor(write: OutboxWrite): RestCall {
  switch (write.kind) {
    case 'message.send': {
      const {id, roomID, content, parentMessageID} = write.args;
      return {
        method: 'POST',
        path: `${v1}/messages`,
        body: {id, roomId: roomID, content, ...(parentMessageID ? {parentMessageId: parentMessageID} : {})},
      };
    }
    case 'dm.send': {
      const {id, conversationID, content, parentMessageID} = write.args;
      return {
        method: 'POST',
        path: `${v1}/messages`,
        body: {
          id,
          conversationId: conversationID,
          content,
          ...(parentMessageID ? {parentMessageId: parentMessageID} : {}),
        },
      };
    }
    case 'message.edit':
      return {
        method: 'PATCH',
        path: `${v1}/messages/${enc(write.args.id)}`,
        body: {content: write.args.content},
      };
    case 'message.delete':
      return {method: 'DELETE', path: `${v1}/messages/${enc(write.args.id)}`};
    case 'reaction.add':
      return {
        method: 'POST',
        path: `${v1}/messages/${enc(write.args.messageID)}/react`,
        body: {emoji: write.args.emoji},
      };
    case 'reaction.remove':
      return {
        method: 'DELETE',
        path: `${v1}/messages/${enc(write.args.messageID)}/react?emoji=${enc(write.args.emoji)}`,
      };
    case 'read.mark':
      return {
        method: 'POST',
        path: `${v1}/rooms/${enc(write.args.roomID)}/read`,
        body: {readAt: write.args.readAt},
      };
    case 'dm.read':
      // This route takes an ISO instant (api/src/routes/conversations.ts).
      return {
        method: 'POST',
        path: `${v1}/conversations/${enc(write.args.conversationID)}/read`,
        body: {readAt: new Date(write.args.readAt).toISOString()},
      };
  }
}
