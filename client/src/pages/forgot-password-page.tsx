import {useState} from 'react';
import {Link} from 'react-router';
import * as z from 'zod/mini';
import {Alert, Button, TextField} from '../components/ui.tsx';
import {useFormAction} from '../hooks/use-form-action.ts';
import {api, isFormWide} from '../lib/api.ts';
import {AuthLayout} from './auth-layout.tsx';
import {msg} from '../i18n/index.ts';
import {authMsg} from '../i18n/auth.ts';

const forgotPasswordResponseSchema = z.object({detail: z.string()});

/** `/forgot-password`: mails a reset link. The answer is the same whether or not the address has an account. */
export function ForgotPasswordPage() {
  const [sent, setSent] = useState<string>();
  const {busy, error, onSubmit} = useFormAction(async form => {
    const {detail} = await api('/auth/forgot-password', forgotPasswordResponseSchema, {
      body: {email: String(form.get('email'))},
    });
    setSent(detail);
  });

  if (sent) {
    return (
      <AuthLayout title={authMsg.forgotPassword.sentTitle}>
        <div className="flex flex-col gap-4">
          <Alert tone="ok">{authMsg.forgotPassword.sent(sent)}</Alert>
          <Link to="/sign-in" className="text-brand underline">
            {authMsg.forgotPassword.backToSignIn}
          </Link>
        </div>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title={authMsg.forgotPassword.title}>
      <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
        <p className="text-sm text-ink-muted">{authMsg.forgotPassword.intro}</p>
        {isFormWide(error, ['email']) ? <Alert>{error.message}</Alert> : null}
        <TextField
          label={msg.auth.email}
          name="email"
          type="email"
          autoComplete="email"
          required
          error={error?.fieldErrors.email}
        />
        <Button type="submit" disabled={busy}>
          {busy ? authMsg.forgotPassword.submitting : authMsg.forgotPassword.submit}
        </Button>
        <p className="text-sm text-ink-muted">
          {authMsg.forgotPassword.remembered}{' '}
          <Link to="/sign-in" className="text-brand underline">
            {msg.common.signIn}
          </Link>
        </p>
      </form>
    </AuthLayout>
  );
}
