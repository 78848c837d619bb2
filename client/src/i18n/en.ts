import type {ReactNode} from 'react';
import {format, pluralizer, type Instant} from './format.ts';
import {rich} from './rich.ts';

const plural = pluralizer('en');
const n = format.number;

/**
 * The English catalog, and the reference for every other: a translation is an
 * object of type `Catalog` (the same keys, the same parameters). Grouped by
 * screen, so a translator reads related words together. Messages that take
 * values are functions; counts choose their form with `plural`, dates and
 * numbers go through `format` so they follow the reader's locale.
 *
 * This catalog loads with the entry, so the room route carries all of it: a
 * screen opened now and then keeps its words in a section module beside this
 * one (`agents.ts`, `settings.ts`, …) that loads with the screen.
 */
export const en = {
  app: {
    name: 'Chorus',
    loading: 'Loading Chorus…',
    /** The tab title: unread mentions in front, "(3) Chorus", or a dot when there is only news. */
    documentTitle: (mentions: number, news: boolean) =>
      mentions ? `(${mentions > 99 ? '99+' : n(mentions)}) Chorus` : news ? '• Chorus' : 'Chorus',
  },
  common: {
    cancel: 'Cancel',
    close: 'Close',
    save: 'Save',
    saving: 'Saving…',
    loading: 'Loading…',
    back: '← Back',
    dismiss: 'Dismiss',
    signIn: 'Sign in',
    /** A person whose account row has not synced (or is gone). */
    unknownUser: 'Unknown',
    /** A count in a small badge. */
    badgeCount: (count: number) => (count > 99 ? '99+' : n(count)),
    /** A toast when a change is refused: `action` is one of the `actions` below. */
    failed: (action: string, reason: string) => `${action} failed: ${reason}`,
  },
  errors: {
    offline: 'Cannot reach Chorus. Check your connection and try again.',
    tooManyAttempts: (waitSeconds: number | undefined) =>
      `Too many attempts. Try again ${
        waitSeconds === undefined
          ? 'in a little while'
          : waitSeconds < 60
            ? `in ${plural(waitSeconds, {one: `${n(waitSeconds)} second`, other: `${n(waitSeconds)} seconds`})}`
            : `in ${plural(Math.ceil(waitSeconds / 60), {one: '1 minute', other: `${n(Math.ceil(waitSeconds / 60))} minutes`})}`
      }.`,
    serverAnswered: (status: number) => `The server answered ${status}. Try again.`,
    route: {
      title: 'Something went wrong on this screen',
      body: 'Your messages are safe. Reload the page to continue; if this keeps happening, tell us what you were doing.',
      unknown: 'Unknown error',
      reload: 'Reload',
      home: 'Go home',
    },
  },
  /** Zero's connection states, as the footer shows them. */
  connection: {
    connected: 'Connected',
    connecting: 'Connecting…',
    disconnected: 'Offline — changes will sync when you reconnect',
    'needs-auth': 'Reconnecting…',
    error: 'Connection problem — retrying',
    closed: 'Closed',
    /** No network, or Chorus could not be reached at start: the app shows what this device has. */
    offline: 'Offline — showing what is on this device; changes will sync when you reconnect',
  },
  /** A newer version of Chorus is ready (service worker, or Zero says this one is too old). */
  update: {
    ready: 'Update ready',
    reload: 'Reload',
    reloading: 'Reloading…',
  },
  drawer: {
    /** `panel` is the drawer's own label ("Members"). */
    close: (panel: string) => `Close ${panel.toLowerCase()}`,
  },
  shell: {
    signedInAs: 'Signed in as',
    settings: 'Settings',
    signOut: 'Sign out',
  },
  auth: {
    email: 'Email',
    password: 'Password',
    /** The sign-in page, after a session the server no longer accepts (revoked elsewhere, or expired). */
    sessionEnded:
      'Your session has ended (it was signed out from another device, or expired), so you were signed out here. Sign in again to continue; anything not yet sent is kept on this device.',
    signIn: {
      title: 'Sign in',
      forgot: 'Forgot your password?',
      submit: 'Sign in',
      submitting: 'Signing in…',
      newHere: 'New here?',
      createAccount: 'Create an account',
    },
    external: {
      signInWith: (provider: string) => `Sign in with ${provider}`,
      orWithEmail: 'or with your email',
      // Keyed by the `oidc_error` code the callback sends.
      errors: {
        cancelled: 'Sign-in was cancelled at the provider. Try again, or sign in with your password.',
        expired: 'That sign-in took too long or was started in another browser. Try again.',
        'unverified-email':
          'The provider has not verified your email address. Verify it there, or sign in with your password.',
        failed: 'Signing in with the provider did not work. Try again, or sign in with your password.',
      },
    },
  },
  home: {
    loading: 'Loading your servers…',
    title: 'Welcome to Chorus',
    intro:
      'Servers are where your team talks. Create one and invite people with its code, or join one with a code you were given.',
    create: 'Create a server',
    join: 'Join with a code',
  },
  servers: {
    name: 'Server name',
    rail: {
      label: 'Servers',
      create: 'Create a server',
      browse: 'Browse public servers',
      join: 'Join a server',
      joinTitle: 'Join a server with a code',
      newMessages: (server: string) => `New messages in ${server}`,
      unreadMentions: (server: string, count: number) =>
        plural(count, {
          one: `1 unread mention in ${server}`,
          other: `${n(count)} unread mentions in ${server}`,
        }),
    },
    create: {
      title: 'Create a server',
      private: 'Private (hidden from the server directory)',
      submit: 'Create server',
      submitting: 'Creating…',
      failed: (reason: string) => `The server could not be created: ${reason}`,
    },
    join: {
      title: 'Join a server',
      accessCode: 'Access code',
      accessCodeHint: 'Five characters, from whoever invited you.',
      submit: 'Join server',
      submitting: 'Joining…',
    },
    directory: {
      title: 'Public servers',
      empty: 'No public servers yet. Create one and leave “Private” unticked.',
      open: (server: string) => `Open ${server}`,
      join: (server: string) => `Join ${server}`,
    },
    index: {
      noRooms: 'This server has no rooms you can read yet.',
    },
    settings: {
      title: (server: string) => `${server} settings`,
      unavailable: 'This server is not available.',
      overview: 'Overview',
      nameEmpty: 'Server name cannot be empty.',
      nameTooLong: (max: number) => `Server name can be at most ${n(max)} characters.`,
      private: 'Private (hidden from the directory; joining needs the code)',
      save: 'Save changes',
      invite: 'Invite code',
      inviteHelp: 'People join with this code. A new code makes the old one stop working.',
      copy: 'Copy',
      newCode: 'New code',
      danger: 'Leave or delete',
      ownerHelp:
        'You own this server. To leave, transfer ownership to another member first. Deleting removes every room and message for everyone.',
      confirmDelete: (server: string) => `Delete ${server} and all its messages for everyone?`,
      deleteBody:
        'Every room and message in it is deleted for everyone, and its members lose it. This cannot be undone.',
      delete: 'Delete server',
      leave: 'Leave server',
    },
  },
  profile: {
    open: (name: string) => `Profile of ${name}`,
    you: 'You',
    friends: 'You are friends.',
    requestSent: 'Friend request sent.',
    addFriend: 'Add friend',
    acceptFriend: 'Accept friend request',
  },
  confirm: {
    dontAskAgain: 'Don’t ask again for this session',
  },
  members: {
    heading: (count: number) => `Members (${n(count)})`,
    /** Server roles as a label beside a name. */
    roles: {owner: 'owner', admin: 'admin', member: 'member'},
    makeMember: (name: string) => `Make ${name} a member`,
    makeAdmin: (name: string) => `Make ${name} an admin`,
    confirmTransfer: (name: string) => `Make ${name} the owner? You will become an admin.`,
    transferTitle: (name: string) => `Make ${name} the owner?`,
    transferBody: 'They can delete the server and change every role. You will become an admin.',
    transferConfirm: 'Transfer ownership',
    kickTitle: (name: string) => `Kick ${name}?`,
    kickBody: (name: string, server: string) =>
      `${name} leaves ${server} and its private rooms. They can rejoin with the invite code.`,
    kickConfirm: 'Kick',
    banTitle: (name: string) => `Ban ${name}?`,
    banBody: (name: string, server: string) =>
      `${name} is removed from ${server} and cannot rejoin, even with the code, until the ban is lifted.`,
    banConfirm: 'Ban',
    transfer: (name: string) => `Transfer ownership to ${name}`,
    kick: (name: string) => `Kick ${name}`,
    confirmBan: (name: string) => `Ban ${name}? They will not be able to rejoin with the code.`,
    ban: (name: string) => `Ban ${name}`,
    banned: 'Banned',
    /** `name` is undefined when the banned account's row is not here. */
    liftBan: (name: string | undefined) => `Lift ban on ${name ?? 'user'}`,
    pane: {
      label: 'Members',
      /** The groups of the member pane, by role. */
      groups: {owner: 'Owner', admin: 'Admins', member: 'Members'},
      group: (label: string, count: number) => `${label} — ${n(count)}`,
    },
  },
  rooms: {
    name: 'Room name',
    create: {
      title: 'Create a room',
      private: 'Private (only members you add can read it)',
      submit: 'Create room',
      failed: (reason: string) => `The room could not be created: ${reason}`,
    },
    settings: {
      title: (room: string) => `#${room} settings`,
      nameEmpty: 'Room name cannot be empty.',
      private: 'Private (only people added below can read it)',
      readers: 'Who can read this room',
      add: (name: string) => `Add ${name}`,
      remove: (name: string) => `Remove ${name}`,
      confirmDelete: (room: string) => `Delete #${room} and its messages?`,
      deleteBody: 'Every message in it is deleted for everyone. This cannot be undone.',
      delete: 'Delete room',
    },
    sidebar: {
      label: 'Rooms',
      inviteCode: (code: ReactNode) => rich('Invite code: ', code),
      serverSettings: 'Server settings',
      heading: 'Rooms',
      create: 'Create a room',
      unreadMentions: (count: number) =>
        plural(count, {one: '1 unread mention', other: `${n(count)} unread mentions`}),
      /** Read by screen readers after a room's name when it has news. */
      newMessages: '(new messages)',
      /** A room whose notifications are off: the bell's tooltip, and what screen readers hear. */
      muted: 'Muted',
      mutedSuffix: '(muted)',
    },
    /** The bell in the room header; `level` is one of `settings.notifications.levels`. */
    notify: {
      button: (level: string, serverDefault: boolean) =>
        `Room notifications: ${level}${serverDefault ? ' (server default)' : ''}`,
      title: 'Room notifications',
      menu: 'Notify me about',
      serverDefault: (level: string) => `Server default (${level})`,
    },
    page: {
      unavailable: 'This room does not exist or you cannot read it.',
      loading: 'Loading room…',
      /** The phone drawer with the server rail and the room list, and its button. */
      navigation: 'Servers and rooms',
      /** The members drawer's button, on screens too narrow for the member pane. */
      members: 'Members',
      search: 'Search messages',
      settings: 'Room settings',
      loadingMessages: 'Loading messages',
      composer: (room: string) => `Message #${room}`,
    },
  },
  /** What a settings control was doing, for `common.failed` ("Saving the room failed: …"). */
  actions: {
    changeRole: 'Changing the role',
    transferOwnership: 'Transferring ownership',
    kick: (name: string) => `Removing ${name}`,
    ban: (name: string) => `Banning ${name}`,
    unban: 'Lifting the ban',
    saveRoom: 'Saving the room',
    addToRoom: (name: string) => `Adding ${name}`,
    removeFromRoom: (name: string) => `Removing ${name}`,
    deleteRoom: 'Deleting the room',
    saveServer: 'Saving the server',
    newCode: 'New code',
    deleteServer: 'Deleting the server',
    leaveServer: 'Leaving the server',
    joinServer: (server: string) => `Joining ${server}`,
    editMessage: 'Editing',
    deleteMessage: 'Deleting',
  },
  messages: {
    list: {
      label: 'Messages',
      empty: 'No messages yet. Say hello!',
      loading: 'Loading messages',
      loadingOlder: 'Loading older messages…',
      beginning: 'This is the beginning of the room.',
      newMessages: 'New messages',
      jumpToPresent: 'Jump to present ↓',
      /** The divider above a day's first message. */
      day: (kind: 'today' | 'yesterday' | 'date', at: Instant) =>
        kind === 'today' ? 'Today' : kind === 'yesterday' ? 'Yesterday' : format.day(at),
      /** The hidden live region that reads out others' new messages. */
      arrivals: 'New messages',
    },
    /** What that live region says: "ana: hello", after a count when many arrive at once. */
    arrivals: {
      line: (author: string | undefined, text: string) => `${author ?? 'Someone'}: ${text}`,
      more: (count: number) => plural(count, {one: '1 new message.', other: `${n(count)} new messages.`}),
      /** Read in place of a fenced code block. */
      codeBlock: 'code block',
    },
    item: {
      label: (author: string, at: Instant) => `${author} at ${format.dateTime(at)}`,
      edited: '(edited)',
      editedAt: (at: Instant) => `Edited ${format.dateTime(at)}`,
      deleted: 'This message was deleted.',
      replies: (count: number) => plural(count, {one: '1 reply', other: `${n(count)} replies`}),
      lastReply: (at: Instant) => ` · last ${format.time(at)}`,
      actions: (author: string) => `Actions for ${author}'s message`,
      addReaction: 'Add reaction',
      replyInThread: 'Reply in thread',
      edit: 'Edit message',
      delete: 'Delete message',
      confirmDelete: 'Delete this message for everyone?',
      deleteTitle: 'Delete message',
      deleteBody:
        'This deletes the message for everyone; replies in its thread stay. Tip: hold Shift when you click Delete to skip this question.',
      deleteConfirm: 'Delete',
      editHint: 'Enter to save · Esc to cancel',
    },
    reactions: {
      label: 'Reactions',
      you: 'you',
      someone: 'someone',
      title: (who: readonly string[], emoji: string) => `${format.list(who)} reacted with ${emoji}`,
      button: (emoji: string, who: readonly string[], mine: boolean) =>
        `${emoji} ${n(who.length)}, by ${format.list(who)}. ${mine ? 'Remove your reaction' : 'React too'}`,
    },
    thread: {
      label: 'Thread',
      close: 'Close thread',
      unavailable: 'This thread is not available.',
      loading: 'Loading thread…',
      replies: (count: number) => plural(count, {one: '1 reply', other: `${n(count)} replies`}),
      repliesLabel: 'Replies',
      composer: 'Reply in thread',
    },
    composer: {
      tooLong: (max: number, length: number) =>
        `A message can be at most ${n(max)} characters (this one has ${n(length)}).`,
      notSent: (reason: string) => `Not sent: ${reason}`,
      insertEmoji: 'Insert emoji',
      /** Over a room or a composer while files are dragged above it (the rest of the files' words: files.ts). */
      dropFiles: 'Drop files to attach them',
      send: 'Send',
      loadingEmoji: 'Loading emoji…',
      mentionList: 'Mention someone',
      emojiList: 'Emoji',
      /** Shown from 90% of the length limit; negative when over. */
      charactersLeft: (left: number) =>
        left >= 0 ? `${n(left)} characters left` : `${n(-left)} characters over the limit`,
    },
    /** A `||spoiler||` before it is revealed. */
    spoiler: 'Spoiler, select to reveal',
    /** Images are not shown inline; their description is. */
    image: (alt: string | undefined) => (alt ? `[image: ${alt}]` : '[image]'),
    /** A GFM task list item's checkbox. */
    task: 'Task done',
  },
  /** Live events (issue 17): who is typing, who is here. */
  live: {
    /** Below the composer; `names` in the order they started typing (at least one). */
    typing: (names: readonly string[]) => {
      const [first = '', second = ''] = names;
      if (names.length <= 1) return `${first} is typing…`;
      if (names.length === 2) return `${first} and ${second} are typing…`;
      return `${first} and ${n(names.length - 1)} others are typing…`;
    },
    typingLabel: 'Who is typing',
    /** A member's presence dot, as screen readers say it. */
    presence: {online: 'online', idle: 'idle', offline: 'offline'},
  },
  outbox: {
    /** A write this device has not had confirmed yet. */
    pending: 'Sending…',
    /** `reason` is the server's own explanation. */
    failed: (reason: string) => `Not sent: ${reason}`,
    retry: 'Retry',
    copyText: 'Copy text',
    copied: 'Text copied',
    discard: 'Discard',
    confirmDiscard: 'Discard this unsent change? Its text will be gone.',
    discardTitle: 'Discard this unsent change?',
    discardBody: 'It was never sent; once discarded, its text is gone.',
    /** The panel of writes that ended failed, wherever they were made. */
    failedLabel: 'Unsent changes',
    failedCount: (count: number) =>
      plural(count, {one: `${n(count)} change was not sent`, other: `${n(count)} changes were not sent`}),
    /** What each kind of write was, in the failed panel. */
    kinds: {
      'message.send': 'Message',
      'dm.send': 'Direct message',
      'message.edit': 'Edit',
      'message.delete': 'Delete',
      'reaction.add': 'Reaction',
      'reaction.remove': 'Reaction removed',
      'read.mark': 'Read mark',
      'dm.read': 'Read mark',
    },
    notDurable:
      'This browser will not let Chorus store data, so offline writes are off: what you send while offline is lost if you close the tab.',
  },
  switcher: {
    title: 'Jump to…',
    input: 'Server or room name',
    placeholder: 'Type a server or room name',
    results: 'Matches',
    empty: 'Nothing matches.',
    server: 'Server',
  },
  notifications: {
    mentioned: (server: string) => `You were mentioned in ${server}`,
    /** [DM5] A direct message's notification title: who wrote. */
    directMessage: (author: string) => `Message from ${author}`,
    /** [DM5] A group conversation's notification title: its people. */
    groupMessage: (title: string) => `New message in ${title}`,
    /** [F2] Someone asked me to be friends. */
    friendRequest: (name: string) => `${name} wants to be your friend`,
    /** [F3] Someone accepted my request. */
    friendAccepted: (name: string) => `${name} accepted your friend request`,
    friendsBody: 'Open Friends to answer.',
    friendAcceptedBody: 'You can message them now.',
    /** A desktop notification's text; `author` is undefined when their account row is not here. */
    body: (author: string | undefined, content: string) => (author ? `${author}: ${content}` : content),
  },
  devices: {
    unknownDevice: 'Unknown device',
    unknownBrowser: 'Unknown browser',
    browserOnSystem: (browser: string, system: string) => `${browser} on ${system}`,
  },
  conversations: {
    heading: 'Direct messages',
    listLabel: 'Direct messages',
    empty: 'No conversations yet. Message a friend from the friends list.',
    title: (names: readonly string[]) => format.list(names),
    onlyYou: 'Only you',
    unread: (title: string) => `${title}, unread messages`,
    unavailable: 'This conversation does not exist or you are not in it.',
    back: 'Friends and conversations',
    composer: (title: string) => `Message @${title}`,
    search: (name: string) => `Search the conversation with ${name}`,
    message: 'Message',
    opening: 'Opening the conversation…',
  },
  friends: {
    railLabel: 'Friends',
    railLabelWithRequests: (count: number) => `Friends and messages, ${n(count)} waiting for you`,
  },
  /** The levels the room header's bell offers; the settings pages' words are in `settings.ts`. */
  settings: {
    notifications: {
      levels: {all: 'All messages', mentions: 'Only @mentions', none: 'Nothing (muted)'},
    },
  },
  /** The AI badge; the agents pages' words are in `agents.ts`. */
  agents: {
    /** The badge beside an agent's name, and what a screen reader says for it. */
    badge: 'AI',
    badgeLabel: 'AI agent',
  },
};

/** The shape every catalog has: the same keys as English, the same parameters. */
export type Catalog = typeof en;
