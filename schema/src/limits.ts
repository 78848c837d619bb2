/** Limits shared by the database, mutators, REST and the client. */
export const limits = {
  serversCreatedPerUser: 3,
  serverNameMax: 100,
  roomNameMax: 100,
  messageContentMax: 8000,
  accessCodeLength: 5,
  messagePageMax: 200,
  /** The most messages of one room a client keeps loaded (history grows toward it on scroll). */
  messagesLoadedMax: 100_000,
  /** [F2] Friends per person, counting both directions. */
  friendsMax: 1000,
  /** [F2] Requests one person may have waiting for an answer. */
  pendingFriendRequestsMax: 100,
  /** [DM3] People in one group conversation, its creator included. */
  conversationMembersMax: 10,
  /** [F5] People one person may block. */
  blocksMax: 1000,
  /** [FL3] Files attached to one message. */
  filesPerMessageMax: 10,
} as const;

/** Access-code alphabet: digits and capitals without 0/O/1/I/L. */
export const ACCESS_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
