import {useEffect, useRef, useState} from 'react';
import {Link, useSearchParams} from 'react-router';
import * as z from 'zod/mini';
import {Alert} from '../components/ui.tsx';
import {api, userSchema} from '../lib/api.ts';
import {useAuthStore} from '../stores/auth-store.ts';
import {AuthLayout} from './auth-layout.tsx';
import {msg} from '../i18n/index.ts';
import {authMsg} from '../i18n/auth.ts';

/** Opened from the link in the verification mail. */
export function VerifyEmailPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const refresh = useAuthStore(s => s.refresh);
  const status = useAuthStore(s => s.status);
  const [state, setState] = useState<'working' | 'done' | {error: string}>('working');
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    api('/auth/verify-email', z.object({user: userSchema}), {body: {token}})
      // A fresh access token carries the verified claim.
      .then(async () => {
        await refresh();
        setState('done');
      })
      .catch((err: Error) => setState({error: err.message}));
  }, [token, refresh]);

  return (
    <AuthLayout title={authMsg.verifyEmail.title}>
      {state === 'working' ? (
        <p role="status">{authMsg.verifyEmail.working}</p>
      ) : state === 'done' ? (
        <div className="flex flex-col gap-4">
          <Alert tone="ok">{authMsg.verifyEmail.done}</Alert>
          <Link to={status === 'signed-in' ? '/' : '/sign-in'} className="text-brand underline">
            {status === 'signed-in' ? authMsg.verifyEmail.continue : msg.common.signIn}
          </Link>
        </div>
      ) : (
        <div className="flex flex-col gap-4">
          <Alert>{state.error}</Alert>
          <Link to="/" className="text-brand underline">
            {authMsg.verifyEmail.back}
          </Link>
        </div>
      )}
    </AuthLayout>
  );
}
