import {useState} from 'react';
import {Link, useSearchParams} from 'react-router';
import * as z from 'zod/mini';
import {Alert, Button, TextField} from '../components/ui.tsx';
import {useFormAction} from '../hooks/use-form-action.ts';
import {api, isFormWide} from '../lib/api.ts';
import {useAuthStore} from '../stores/auth-store.ts';
import {AuthLayout} from './auth-layout.tsx';
import {msg} from '../i18n/index.ts';
import {authMsg} from '../i18n/auth.ts';

const resetPasswordResponseSchema = z.object({detail: z.string()});

/** `/reset-password?token=…`: opened from the link in the reset mail [AC4]. */
export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const status = useAuthStore(s => s.status);
  const signOut = useAuthStore(s => s.signOut);
  const [done, setDone] = useState<string>();
  const {busy, error, onSubmit} = useFormAction(async form => {
    const {detail} = await api('/auth/reset-password', resetPasswordResponseSchema, {
      body: {token, password: String(form.get('password'))},
    });
    // The reset ended every session, this tab's included; forget it here too.
    if (status === 'signed-in') await signOut();
    setDone(detail);
  });

  if (done) {
    return (
      <AuthLayout title={authMsg.resetPassword.doneTitle}>
        <div className="flex flex-col gap-4">
          <Alert tone="ok">{done}</Alert>
          <Link to="/sign-in" className="text-brand underline">
            {msg.common.signIn}
          </Link>
        </div>
      </AuthLayout>
    );
  }

  const tokenError = error?.fieldErrors.token;
  if (!token || tokenError) {
    return (
      <AuthLayout title={authMsg.resetPassword.title}>
        <div className="flex flex-col gap-4">
          <Alert>{tokenError ?? authMsg.resetPassword.needsLink}</Alert>
          <Link to="/forgot-password" className="text-brand underline">
            {authMsg.resetPassword.askAgain}
          </Link>
        </div>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title={authMsg.resetPassword.title}>
      <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
        {isFormWide(error, ['password']) ? <Alert>{error.message}</Alert> : null}
        <TextField
          label={authMsg.resetPassword.newPassword}
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          autoFocus
          hint={authMsg.resetPassword.hint}
          error={error?.fieldErrors.password}
        />
        <Button type="submit" disabled={busy}>
          {busy ? msg.common.saving : authMsg.resetPassword.submit}
        </Button>
      </form>
    </AuthLayout>
  );
}
