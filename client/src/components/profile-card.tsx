import {queries} from '@chorus/schema';
import {useQuery} from '@rocicorp/zero/react';
import {useEffect, useId, useRef, useState} from 'react';
import * as z from 'zod/mini';
import {useMediaQuery, WIDE} from '../hooks/use-media-query.ts';
import {useOpenConversation} from '../hooks/use-open-conversation.ts';
import {authedApi, useAuthStore} from '../stores/auth-store.ts';
import {AgentBadge} from './agent-badge.tsx';
import {Avatar} from './avatar.tsx';
import type {Profile} from './profile-card-host.tsx';
import {Button} from './ui.tsx';
import {msg} from '../i18n/index.ts';

/**
 * Someone's card: picture, username, the AI badge for agents, their link,
 * and what I can do with them (add as a friend). A centred dialog on wide
 * screens, a sheet from the bottom on phones; Esc closes it and focus goes
 * back where it was.
 */
export default function ProfileCard({profile: opened, onClose}: {profile: Profile; onClose: () => void}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleID = useId();
  const wide = useMediaQuery(WIDE);
  const me = useAuthStore(s => s.user?.id);
  // My own card shows my synced row: a name clicked on a message of mine not
  // yet confirmed carries only my id and name (the outbox's stand-in row).
  const [self] = useQuery(queries.me(), {enabled: opened.id === me});
  const profile: Profile = opened.id === me && self ? {...opened, ...self} : opened;
  const openConversation = useOpenConversation();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  const link = safeLink(profile.externalLink);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleID}
      onClose={onClose}
      onClick={e => {
        // A click on the backdrop (the dialog element itself, outside its box) closes it.
        if (e.target === e.currentTarget) e.currentTarget.close();
      }}
      className={`bg-surface p-0 text-ink shadow-xl backdrop:bg-black/40 ${
        wide
          ? 'm-auto w-80 rounded-card'
          : 'mx-0 mt-auto mb-0 w-full max-w-none rounded-t-2xl pb-[env(safe-area-inset-bottom)]'
      }`}
    >
      <div className="flex flex-col gap-3 p-5">
        <div className="flex items-center gap-3">
          <Avatar profile={profile} size={56} />
          <div className="flex min-w-0 flex-col">
            <h2 id={titleID} className="flex items-center gap-2 truncate text-lg font-semibold">
              {profile.username}
              <AgentBadge userType={profile.userType} size="md" />
            </h2>
            {profile.id === me ? <span className="text-sm text-ink-muted">{msg.profile.you}</span> : null}
          </div>
        </div>
        {link ? (
          <a
            href={link}
            target="_blank"
            rel="noopener noreferrer nofollow"
            className="truncate text-sm text-brand underline"
          >
            {link}
          </a>
        ) : null}
        {profile.id !== me && profile.userType !== 'ai_agent' ? (
          <div className="flex flex-wrap items-center gap-2">
            <Button
              onClick={() => {
                ref.current?.close();
                void openConversation(profile.id);
              }}
            >
              {msg.conversations.message}
            </Button>
            <FriendAction profile={profile} />
          </div>
        ) : null}
        <Button variant="ghost" className="self-end" onClick={() => ref.current?.close()}>
          {msg.common.close}
        </Button>
      </div>
    </dialog>
  );
}

/** [F2] Where we stand: friends, a request either way, or a button to ask. */
function FriendAction({profile}: {profile: Profile}) {
  const me = useAuthStore(s => s.user?.id);
  const [rows] = useQuery(queries.myFriendships());
  const [sent, setSent] = useState<string>();
  const row = rows.find(
    r => (r.userID === me && r.friendID === profile.id) || (r.friendID === me && r.userID === profile.id),
  );
  if (row?.status === 'accepted') return <p className="text-sm text-ink-muted">{msg.profile.friends}</p>;
  if (row && row.userID === me) return <p className="text-sm text-ink-muted">{msg.profile.requestSent}</p>;
  if (sent) return <p className="text-sm text-ink-muted">{sent}</p>;
  return (
    <Button
      onClick={async () => {
        try {
          const answer = await authedApi(
            '/friends/request',
            z.object({status: z.enum(['pending', 'accepted'])}),
            {method: 'POST', body: {username: profile.username}},
          );
          setSent(answer.status === 'accepted' ? msg.profile.friends : msg.profile.requestSent);
        } catch (err) {
          setSent(err instanceof Error ? err.message : String(err));
        }
      }}
    >
      {row ? msg.profile.acceptFriend : msg.profile.addFriend}
    </Button>
  );
}

/** Only http(s) links are shown as links (AC7 stores only those; this guards older rows). */
function safeLink(link: string | null | undefined): string | undefined {
  if (!link) return undefined;
  try {
    const url = new URL(link);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
