import {
  boolean,
  createBuilder,
  createSchema,
  enumeration,
  json,
  number,
  relationships,
  string,
  table,
} from '@rocicorp/zero';

/**
 * The Zero schema: every table and column a client may see. Postgres uses
 * snake_case (the seed's data model); clients see camelCase through `.from()`.
 * Secrets never appear here, and the `chorus_zero` publication (migration 002)
 * keeps them out of zero-cache's replica as well.
 */

export type ServerRole = 'owner' | 'admin' | 'member';
export type UserType = 'human' | 'ai_agent';
/** A friendship row is a request until the person asked accepts it (user_id asked friend_id). */
export type FriendshipStatus = 'pending' | 'accepted';

const users = table('users')
  .columns({
    id: string(),
    username: string(),
    pictureUrl: string().from('picture_url').optional(),
    externalLink: string().from('external_link').optional(),
    userType: enumeration<UserType>().from('user_type'),
    createdAt: number().from('created_at'),
    updatedAt: number().from('updated_at'),
  })
  .primaryKey('id');

const aiAgents = table('aiAgents')
  .from('ai_agents')
  .columns({
    userID: string().from('user_id'),
    rateLimitPerHour: number().from('rate_limit_per_hour'),
    capabilities: json().optional(),
    createdBy: string().from('created_by').optional(),
    createdAt: number().from('created_at'),
  })
  .primaryKey('userID');

const servers = table('servers')
  .columns({
    id: string(),
    name: string(),
    accessCode: string().from('access_code'),
    isPrivate: boolean().from('is_private'),
    createdBy: string().from('created_by').optional(),
    createdAt: number().from('created_at'),
  })
  .primaryKey('id');

const serverBans = table('serverBans')
  .from('server_bans')
  .columns({
    serverID: string().from('server_id'),
    userID: string().from('user_id'),
    bannedBy: string().from('banned_by').optional(),
    createdAt: number().from('created_at'),
  })
  .primaryKey('serverID', 'userID');

const userServers = table('userServers')
  .from('user_servers')
  .columns({
    userID: string().from('user_id'),
    serverID: string().from('server_id'),
    role: enumeration<ServerRole>(),
    joinedAt: number().from('joined_at'),
  })
  .primaryKey('userID', 'serverID');

const rooms = table('rooms')
  .columns({
    id: string(),
    serverID: string().from('server_id'),
    name: string(),
    isPrivate: boolean().from('is_private'),
    createdBy: string().from('created_by').optional(),
    createdAt: number().from('created_at'),
  })
  .primaryKey('id');

const userRooms = table('userRooms')
  .from('user_rooms')
  .columns({
    userID: string().from('user_id'),
    roomID: string().from('room_id'),
    role: enumeration<ServerRole>(),
    joinedAt: number().from('joined_at'),
    lastReadAt: number().from('last_read_at').optional(),
    /** Added to the room (how private rooms get readers); false for read state alone. */
    isMember: boolean().from('is_member'),
  })
  .primaryKey('userID', 'roomID');

const messages = table('messages')
  .columns({
    id: string(),
    roomID: string().from('room_id').optional(),
    conversationID: string().from('conversation_id').optional(),
    userID: string().from('user_id').optional(),
    content: string(),
    parentMessageID: string().from('parent_message_id').optional(),
    replyCount: number().from('reply_count'),
    lastReplyAt: number().from('last_reply_at').optional(),
    createdAt: number().from('created_at'),
    editedAt: number().from('edited_at').optional(),
    deletedAt: number().from('deleted_at').optional(),
  })
  .primaryKey('id');

const files = table('files')
  .columns({
    id: string(),
    messageID: string().from('message_id').optional(),
    uploaderID: string().from('uploader_id').optional(),
    fileName: string().from('file_name'),
    fileSize: number().from('file_size'),
    mimeType: string().from('mime_type'),
    thumbnailS3Key: string().from('thumbnail_s3_key').optional(),
    thumbnailWidth: number().from('thumbnail_width').optional(),
    thumbnailHeight: number().from('thumbnail_height').optional(),
    // [FL7] 'scanning' until clamd calls it clean ('ready') or 'infected' (its object deleted).
    status: enumeration<'pending' | 'scanning' | 'ready' | 'infected' | 'rejected'>(),
    // [FL7] What clamd found in an infected file.
    scanFinding: string().from('scan_finding').optional(),
    uploadedAt: number().from('uploaded_at'),
  })
  .primaryKey('id');

const messageReactions = table('messageReactions')
  .from('message_reactions')
  .columns({
    id: string(),
    messageID: string().from('message_id'),
    userID: string().from('user_id'),
    emoji: string(),
    createdAt: number().from('created_at'),
  })
  .primaryKey('id');

const friendships = table('friendships')
  .columns({
    id: string(),
    userID: string().from('user_id'),
    friendID: string().from('friend_id'),
    status: enumeration<FriendshipStatus>(),
    createdAt: number().from('created_at'),
    acceptedAt: number().from('accepted_at').optional(),
  })
  .primaryKey('id');

/** [F5] One person's block of another: read only by the blocker. */
const userBlocks = table('userBlocks')
  .from('user_blocks')
  .columns({
    blockerID: string().from('blocker_id'),
    blockedID: string().from('blocked_id'),
    createdAt: number().from('created_at'),
  })
  .primaryKey('blockerID', 'blockedID');

const directConversations = table('directConversations')
  .from('direct_conversations')
  .columns({
    id: string(),
    createdBy: string().from('created_by').optional(),
    /** Three or more people; a 1:1 conversation has a `pairKey` instead. */
    isGroup: boolean().from('is_group'),
    /** [DM1] `<smaller id>:<larger id>` of a 1:1 conversation's two people. */
    pairKey: string().from('pair_key').optional(),
    /** [DM5] The latest top-level message (kept by a trigger): what unread marks compare against. */
    lastMessageID: string().from('last_message_id').optional(),
    lastUserID: string().from('last_user_id').optional(),
    lastMessageAt: number().from('last_message_at').optional(),
    createdAt: number().from('created_at'),
  })
  .primaryKey('id');

const directConversationMembers = table('directConversationMembers')
  .from('direct_conversation_members')
  .columns({
    conversationID: string().from('conversation_id'),
    userID: string().from('user_id'),
    lastReadAt: number().from('last_read_at').optional(),
    joinedAt: number().from('joined_at'),
  })
  .primaryKey('conversationID', 'userID');

/** [M1] A room's latest top-level message (kept by a trigger): what unread marks compare against. */
const roomActivity = table('roomActivity')
  .from('room_activity')
  .columns({
    roomID: string().from('room_id'),
    serverID: string().from('server_id'),
    lastMessageID: string().from('last_message_id'),
    lastUserID: string().from('last_user_id').optional(),
    lastMessageAt: number().from('last_message_at'),
  })
  .primaryKey('roomID');

/** [M1] Who a message mentions (written by the server's send and edit mutators). */
const messageMentions = table('messageMentions')
  .from('message_mentions')
  .columns({
    messageID: string().from('message_id'),
    userID: string().from('user_id'),
    roomID: string().from('room_id'),
    createdAt: number().from('created_at'),
  })
  .primaryKey('messageID', 'userID');

const serverRelationships = relationships(servers, ({many}) => ({
  members: many({sourceField: ['id'], destField: ['serverID'], destSchema: userServers}),
  rooms: many({sourceField: ['id'], destField: ['serverID'], destSchema: rooms}),
}));

const serverBanRelationships = relationships(serverBans, ({one}) => ({
  user: one({sourceField: ['userID'], destField: ['id'], destSchema: users}),
  server: one({sourceField: ['serverID'], destField: ['id'], destSchema: servers}),
}));

const userServerRelationships = relationships(userServers, ({one}) => ({
  user: one({sourceField: ['userID'], destField: ['id'], destSchema: users}),
  server: one({sourceField: ['serverID'], destField: ['id'], destSchema: servers}),
}));

const roomRelationships = relationships(rooms, ({one, many}) => ({
  server: one({sourceField: ['serverID'], destField: ['id'], destSchema: servers}),
  members: many({sourceField: ['id'], destField: ['roomID'], destSchema: userRooms}),
  // Members of the room's server, joined on serverID directly (one hop, not
  // through servers): the read filter for every room, checked on every change.
  serverMembers: many({sourceField: ['serverID'], destField: ['serverID'], destSchema: userServers}),
  messages: many({sourceField: ['id'], destField: ['roomID'], destSchema: messages}),
}));

const userRoomRelationships = relationships(userRooms, ({one}) => ({
  room: one({sourceField: ['roomID'], destField: ['id'], destSchema: rooms}),
  user: one({sourceField: ['userID'], destField: ['id'], destSchema: users}),
}));

const messageRelationships = relationships(messages, ({one, many}) => ({
  room: one({sourceField: ['roomID'], destField: ['id'], destSchema: rooms}),
  conversation: one({sourceField: ['conversationID'], destField: ['id'], destSchema: directConversations}),
  author: one({sourceField: ['userID'], destField: ['id'], destSchema: users}),
  parent: one({sourceField: ['parentMessageID'], destField: ['id'], destSchema: messages}),
  replies: many({sourceField: ['id'], destField: ['parentMessageID'], destSchema: messages}),
  reactions: many({sourceField: ['id'], destField: ['messageID'], destSchema: messageReactions}),
  files: many({sourceField: ['id'], destField: ['messageID'], destSchema: files}),
}));

const roomActivityRelationships = relationships(roomActivity, ({one}) => ({
  room: one({sourceField: ['roomID'], destField: ['id'], destSchema: rooms}),
}));

const mentionRelationships = relationships(messageMentions, ({one}) => ({
  message: one({sourceField: ['messageID'], destField: ['id'], destSchema: messages}),
  room: one({sourceField: ['roomID'], destField: ['id'], destSchema: rooms}),
}));

const friendshipRelationships = relationships(friendships, ({one, many}) => ({
  /** Who asked. */
  requester: one({sourceField: ['userID'], destField: ['id'], destSchema: users}),
  /** Who was asked. */
  addressee: one({sourceField: ['friendID'], destField: ['id'], destSchema: users}),
  /** [F1] A block of the requester by the person asked (hides the request from them). */
  addresseeBlocks: many({
    sourceField: ['friendID', 'userID'],
    destField: ['blockerID', 'blockedID'],
    destSchema: userBlocks,
  }),
}));

const conversationRelationships = relationships(directConversations, ({one, many}) => ({
  members: many({sourceField: ['id'], destField: ['conversationID'], destSchema: directConversationMembers}),
  messages: many({sourceField: ['id'], destField: ['conversationID'], destSchema: messages}),
  /** [DM5] The latest top-level message (what desktop notifications announce). */
  lastMessage: one({sourceField: ['lastMessageID'], destField: ['id'], destSchema: messages}),
}));

const conversationMemberRelationships = relationships(directConversationMembers, ({one}) => ({
  conversation: one({sourceField: ['conversationID'], destField: ['id'], destSchema: directConversations}),
  user: one({sourceField: ['userID'], destField: ['id'], destSchema: users}),
}));

const userBlockRelationships = relationships(userBlocks, ({one}) => ({
  blocked: one({sourceField: ['blockedID'], destField: ['id'], destSchema: users}),
}));

const reactionRelationships = relationships(messageReactions, ({one}) => ({
  user: one({sourceField: ['userID'], destField: ['id'], destSchema: users}),
  message: one({sourceField: ['messageID'], destField: ['id'], destSchema: messages}),
}));

export const schema = createSchema({
  tables: [
    users,
    aiAgents,
    servers,
    serverBans,
    userServers,
    rooms,
    userRooms,
    messages,
    files,
    messageReactions,
    friendships,
    userBlocks,
    directConversations,
    directConversationMembers,
    roomActivity,
    messageMentions,
  ],
  relationships: [
    serverRelationships,
    serverBanRelationships,
    userServerRelationships,
    roomRelationships,
    userRoomRelationships,
    messageRelationships,
    reactionRelationships,
    roomActivityRelationships,
    mentionRelationships,
    friendshipRelationships,
    userBlockRelationships,
    conversationRelationships,
    conversationMemberRelationships,
  ],
  enableLegacyQueries: false,
  enableLegacyMutators: false,
});

export type Schema = typeof schema;

/** Query builder over the schema; shared by queries, mutators and the server. */
export const zql = createBuilder(schema);

declare module '@rocicorp/zero' {
  interface DefaultTypes {
    schema: Schema;
  }
}
