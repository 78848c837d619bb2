import {useState} from 'react';
import {z} from 'zod';
import {api} from '../lib/api.ts';
import {useAuthStore} from '../stores/auth-store.ts';

/** Unverified accounts can read but not create; say so and offer a new link. */
export function VerifyBanner() {
  const user = useAuthStore(s => s.user);
  const refresh = useAuthStore(s => s.refresh);
  const [sent, setSent] = useState<string>();
  if (!user || user.emailVerified) return null;
  return (
    <div role="status" className="flex flex-wrap items-center gap-x-3 gap-y-1 bg-brand/10 px-4 py-2 text-sm">
      <span>
        Verify <strong>{user.email}</strong> to create servers and send messages. Check your inbox for the
        link.
      </span>
      <button
        className="underline"
        onClick={() =>
          void api('/auth/resend-verification', z.unknown(), {body: {email: user.email}})
            .then(() => setSent('A new link is on its way.'))
            .catch((err: Error) => setSent(err.message))
        }
      >
        Send a new link
      </button>
      <button className="underline" onClick={() => void refresh()}>
        I have verified
      </button>
      {sent ? <span>{sent}</span> : null}
    </div>
  );
}
