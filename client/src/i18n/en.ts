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
    username: 'Username',
    usernameHint: '2–32 letters, digits, dots, dashes or underscores.',
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
    signUp: {
      title: 'Create your account',
      checkInbox: (
        email: ReactNode,
        signInLink: (text: string) => ReactNode,
        resetLink: (text: string) => ReactNode,
      ) =>
        rich(
          'Check your inbox at ',
          email,
          ' to verify your address, then ',
          signInLink('sign in'),
          '. If you already have an account, ',
          resetLink('reset your password'),
          '.',
        ),
      passwordHint: 'At least 8 characters.',
      submit: 'Create account',
      submitting: 'Creating account…',
      haveAccount: 'Already have an account?',
    },
    forgotPassword: {
      title: 'Reset your password',
      intro: 'Enter the address you signed up with and we will mail you a link to choose a new password.',
      submit: 'Send reset link',
      submitting: 'Sending…',
      remembered: 'Remembered it?',
      sentTitle: 'Check your inbox',
      /** `detail` is the server's own sentence. */
      sent: (detail: string) => `${detail} The link works for one hour.`,
      backToSignIn: 'Back to sign in',
    },
    resetPassword: {
      title: 'Choose a new password',
      needsLink: 'This page needs the link from your password reset mail. Ask for a new one.',
      askAgain: 'Ask for a new link',
      newPassword: 'New password',
      hint: 'At least 8 characters. Every device will be signed out.',
      submit: 'Set new password',
      doneTitle: 'Password changed',
    },
    verifyEmail: {
      title: 'Verify your email',
      working: 'Verifying…',
      done: 'Your email is verified. Welcome to Chorus!',
      continue: 'Continue to Chorus',
      back: 'Back to Chorus',
    },
    verifyBanner: {
      text: (email: ReactNode) =>
        rich('Verify ', email, ' to create servers and send messages. Check your inbox for the link.'),
      resend: 'Send a new link',
      sent: 'A new link is on its way.',
      verified: 'I have verified',
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
  search: {
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
  },
  switcher: {
    title: 'Jump to…',
    input: 'Server or room name',
    placeholder: 'Type a server or room name',
    results: 'Matches',
    empty: 'Nothing matches.',
    server: 'Server',
  },
  shortcuts: {
    title: 'Keyboard shortcuts',
    list: [
      {keys: 'Ctrl/⌘ + K', action: 'Jump to a server or room'},
      {keys: 'Alt + ↑ / ↓', action: 'Previous / next room'},
      {keys: 'Enter', action: 'Send the message'},
      {keys: 'Shift + Enter', action: 'New line in the message'},
      {keys: '↑ in an empty composer', action: 'Edit your last message'},
      {keys: '↑ / ↓, Home / End in the messages', action: 'Previous / next, first / latest message'},
      {keys: 'Enter on a message', action: 'Its actions (← / → between them)'},
      {keys: 'Esc on a message', action: 'Back to the composer'},
      {keys: 'Esc', action: 'Close the panel or dialog'},
      {keys: 'Shift + click Delete', action: 'Delete a message without being asked'},
      {keys: 'Esc while editing', action: 'Cancel the edit'},
      {keys: '? (or Ctrl/⌘ + /)', action: 'Show these shortcuts, also from an empty composer'},
    ],
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
  /** [DM3] Group conversations. */
  groups: {
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
  },
  friends: {
    title: 'Friends',
    railLabel: 'Friends',
    railLabelWithRequests: (count: number) => `Friends and messages, ${n(count)} waiting for you`,
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
  },
  settings: {
    title: 'Settings',
    sections: {
      profile: 'Profile',
      sessions: 'Sessions',
      appearance: 'Appearance',
      notifications: 'Notifications',
      agents: 'AI agents',
    },
    profile: {
      intro: 'Everyone in your servers sees these. Your email stays private.',
      /** `verified` is undefined for an account without an email address. */
      signedInAs: (who: ReactNode, verified: boolean | undefined) =>
        rich(
          'Signed in as ',
          who,
          verified === undefined ? '' : verified ? ' (verified)' : ' (not verified yet)',
        ),
      unchanged: 'Nothing to save: your profile is unchanged.',
      saved: 'Profile saved.',
      picture: 'Your current picture',
      pictureUrl: 'Picture URL',
      pictureHint: 'A link to an image. Leave empty for none.',
      urlPlaceholder: 'https://…',
      externalLink: 'External link',
      externalLinkHint: 'Your website or a profile elsewhere. Leave empty for none.',
      submit: 'Save profile',
    },
    sessions: {
      intro:
        'Where your account is signed in. Sign out any device you do not recognise, then change your password.',
      loading: 'Loading sessions…',
      list: 'Active sessions',
      signedOut: (device: string) => `Signed out ${device}.`,
      thisDevice: 'This device',
      details: (lastUsed: Instant, ip: string | null, signedIn: Instant) =>
        `Last used ${format.dateTime(lastUsed)}${ip ? ` · ${ip}` : ''} · signed in ${format.dateTime(signedIn)}`,
      signOut: 'Sign out',
      signOutThis: 'Sign out of this device',
      signOutDevice: (device: string, lastUsed: Instant) =>
        `Sign out ${device}, last used ${format.dateTime(lastUsed)}`,
      everywhere: 'Sign out everywhere',
      everywhereHelp: 'Ends every session, including this one.',
      confirmTitle: 'Sign out everywhere?',
      confirmBody: 'Every device signed in to your account, this one included, will be signed out.',
      confirmSubmit: 'Sign out all devices',
    },
    appearance: {
      theme: 'Theme',
      themes: {system: 'Match my system', light: 'Light', dark: 'Dark'},
    },
    notifications: {
      desktop: 'Desktop notifications while Chorus is in the background',
      unsupported: 'This browser cannot show desktop notifications.',
      blocked:
        'Notifications are blocked for this site. Allow them in your browser’s site settings, then tick the box again.',
      perServer: 'Per server',
      noServers: 'You are not in any server yet.',
      forServer: (server: string) => `Notifications for ${server}`,
      levels: {all: 'All messages', mentions: 'Only @mentions', none: 'Nothing (muted)'},
    },
  },
  /** Settings → AI agents, its pages, and the AI badge. */
  agents: {
    /** The badge beside an agent's name, and what a screen reader says for it. */
    badge: 'AI',
    badgeLabel: 'AI agent',
    intro:
      'Agents take part in your servers through the agent API, with a key you keep secret. They read and write only where you add them, within their scopes.',
    loading: 'Loading your agents…',
    list: 'Your agents',
    empty: 'You have no agents yet. Create one, then add it to a server you own or manage.',
    create: 'Create an agent',
    createSubmit: 'Create agent',
    creating: 'Creating…',
    open: (name: string) => `Manage ${name}`,
    deleted: 'Deleted',
    noWebhook: 'No webhook',
    keyPrefix: (prefix: string) => `Key ${prefix}…`,
    summary: (scopes: number, perHour: number) =>
      `${plural(scopes, {one: '1 scope', other: `${n(scopes)} scopes`})} · ${n(perHour)} calls an hour`,
    fields: {
      name: 'Name',
      nameHint: 'Shown as its username: 2–32 letters, digits, dots, dashes or underscores.',
      pictureUrl: 'Picture URL',
      pictureHint: 'A link to an image. Leave empty for none.',
      webhookUrl: 'Webhook URL',
      webhookHint: 'Chorus POSTs signed events here (new messages where the agent is). Leave empty for none.',
      urlPlaceholder: 'https://…',
      scopes: 'Scopes',
      scopesHint: 'What the agent may do with its key.',
      scopeNames: {
        'messages:read': 'Read messages (messages:read)',
        'messages:write': 'Send, edit and delete its messages (messages:write)',
        'reactions:write': 'React to messages (reactions:write)',
        'files:write': 'Upload files (files:write)',
      } as Record<string, string>,
      rateLimit: 'Calls per hour',
      rateLimitHint: 'API calls the agent may make each hour (1–100,000).',
      rateLimitInvalid: 'Enter a whole number from 1 to 100,000.',
    },
    secret: {
      createdTitle: (name: string) => `${name} is ready`,
      rotatedTitle: (name: string) => `New key for ${name}`,
      webhookTitle: (name: string) => `Webhook secret for ${name}`,
      onceNote:
        'Copy it now and keep it somewhere safe: you will not see it again. If you lose it, rotate the key.',
      onceNoteSecret:
        'Copy the signing secret now: you will not see it again. Your receiver uses it to verify that events come from Chorus.',
      apiKey: 'API key',
      webhookSecret: 'Webhook signing secret',
      copy: 'Copy',
      copyNamed: (what: string) => `Copy the ${what}`,
      copied: 'Copied.',
      copyFailed: 'Could not copy. Select the text and copy it yourself.',
      done: 'I have saved it',
    },
    page: {
      back: '← AI agents',
      unavailable: 'You have no agent with that id.',
      loading: 'Loading the agent…',
      settings: 'Settings',
      save: 'Save changes',
      saved: 'Saved.',
      unchanged: 'Nothing to save: the agent is unchanged.',
      deletedNote: 'This agent is deleted: its key no longer works and it gets no events. Its messages stay.',
      key: 'API key',
      keyHelp: (prefix: string | null) =>
        prefix
          ? `The key in use starts with ${prefix}. Rotating makes a new one and stops this one at once.`
          : 'The agent has no working key.',
      rotate: 'Rotate key',
      rotateTitle: (name: string) => `Rotate the key of ${name}?`,
      rotateBody:
        'The current key stops working at once. Anything using it needs the new key, which is shown only once.',
      rotateConfirm: 'Rotate key',
      webhook: 'Webhook',
      webhookHelp: (url: string | null) =>
        url ? `Events go to ${url}.` : 'Set a webhook URL above to receive events.',
      test: 'Send test event',
      testing: 'Sending…',
      testDelivered: (status: number | null) =>
        `Test event delivered${status === null ? '' : ` (HTTP ${status})`}.`,
      testFailed: (status: number | null, error: string | null) =>
        `Test event not delivered${status === null ? '' : ` (HTTP ${status})`}${error ? `: ${error}` : '.'}`,
      danger: 'Delete',
      dangerHelp: 'Deleting stops its key and its webhook for good. Its messages stay, under its name.',
      delete: 'Delete agent',
      deleteTitle: (name: string) => `Delete ${name}?`,
      deleteBody:
        'Its key stops working and it gets no more events. This cannot be undone; its messages stay.',
    },
    log: {
      title: 'Audit log',
      intro: 'Every call the agent made with its key, allowed or not, newest first.',
      action: 'Action',
      room: 'Room',
      anyAction: 'All actions',
      anyRoom: 'All rooms',
      actions: {
        'me.read': 'Read its profile',
        'rooms.list': 'Listed rooms',
        'messages.read': 'Read messages',
        'message.send': 'Sent a message',
        'message.edit': 'Edited a message',
        'message.delete': 'Deleted a message',
        'reaction.add': 'Reacted',
        typing: 'Typing',
      } as Record<string, string>,
      loading: 'Loading the audit log…',
      empty: 'No calls yet.',
      emptyFiltered: 'No calls match these filters.',
      entries: 'Audit log entries',
      outcomes: {ok: 'OK', denied: 'Denied', error: 'Error'} as Record<string, string>,
      unknownRoom: 'a room',
      inRoom: (room: string) => `in #${room}`,
      inConversation: 'in a direct conversation',
      more: 'Show older',
    },
    deliveries: {
      title: 'Failed deliveries',
      intro: 'Webhook events that could not be delivered after every retry. Replay sends one again.',
      loading: 'Loading failed deliveries…',
      empty: 'No failed deliveries.',
      list: 'Failed deliveries',
      describe: (eventType: string, attempts: number, at: Instant) =>
        `${eventType} · ${plural(attempts, {one: '1 attempt', other: `${n(attempts)} attempts`})} · ${format.dateTime(at)}`,
      lastError: (status: number | null, error: string | null) =>
        [status === null ? '' : `HTTP ${status}`, error ?? ''].filter(Boolean).join(': ') || 'No answer',
      replay: 'Replay',
      replayNamed: (eventType: string, at: Instant) => `Replay ${eventType} of ${format.dateTime(at)}`,
      replayed: 'Queued again. It will be retried like a new event.',
    },
    server: {
      title: 'AI agents',
      help: 'Add one of your agents to this server. It can then read and write in its public rooms, within its scopes.',
      pick: 'Agent',
      add: 'Add agent',
      adding: 'Adding…',
      none: 'You have no agents to add.',
      manage: 'Create or manage agents',
      added: (name: string) => `${name} was added to the server.`,
    },
  },
};

/** The shape every catalog has: the same keys as English, the same parameters. */
export type Catalog = typeof en;
