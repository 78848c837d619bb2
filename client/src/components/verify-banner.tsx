import {queries} from '@chorus/schema';
import {useQuery} from '@rocicorp/zero/react';
import {useEffect, useRef, useState} from 'react';
import * as z from 'zod/mini';
import {api} from '../lib/api.ts';
import {useAuthStore} from '../stores/auth-store.ts';
import {authMsg} from '../i18n/auth.ts';

/** Unverified accounts can read but not create; say so and offer a new link. */
export function VerifyBanner() {
  const user = useAuthStore(s => s.user);
  const refresh = useAuthStore(s => s.refresh);
  const [sent, setSent] = useState<string>();
  const unverified = user !== undefined && !user.emailVerified;
  // Verifying touches the synced users row (`updated_at`), in every tab at
  // once: then the session is refreshed, and its new token says "verified".
  const [me] = useQuery(queries.me(), {enabled: unverified});
  const firstSeen = useRef<number>(undefined);
  useEffect(() => {
    if (!unverified || me === undefined) return;
    if (firstSeen.current === undefined) firstSeen.current = me.updatedAt;
    else if (me.updatedAt !== firstSeen.current) {
      firstSeen.current = me.updatedAt;
      void refresh();
    }
  }, [unverified, me, refresh]);
  if (!user || user.emailVerified) return null;
  return (
    <div role="status" className="flex flex-wrap items-center gap-x-3 gap-y-1 bg-brand/10 px-4 py-2 text-sm">
      <span>{authMsg.verifyBanner.text(<strong>{user.email}</strong>)}</span>
      <button
        className="underline"
        onClick={() =>
          void api('/auth/resend-verification', z.unknown(), {body: {email: user.email}})
            .then(() => setSent(authMsg.verifyBanner.sent))
            .catch((err: Error) => setSent(err.message))
        }
      >
        {authMsg.verifyBanner.resend}
      </button>
      <button className="underline" onClick={() => void refresh()}>
        {authMsg.verifyBanner.verified}
      </button>
      {sent ? <span>{sent}</span> : null}
    </div>
  );
}
