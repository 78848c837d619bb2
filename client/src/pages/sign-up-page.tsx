import {useState} from 'react';
import {Link} from 'react-router';
import {Alert, Button, TextField} from '../components/ui.tsx';
import {useFormAction} from '../hooks/use-form-action.ts';
import {isFormWide} from '../lib/api.ts';
import {useAuthStore} from '../stores/auth-store.ts';
import {AuthLayout} from './auth-layout.tsx';
import {msg} from '../i18n/index.ts';
import {authMsg} from '../i18n/auth.ts';

export function SignUpPage() {
  const register = useAuthStore(s => s.register);
  const [checkInbox, setCheckInbox] = useState<string>();
  // [AC3] The same answer whether or not the address has an account: check your mail.
  const {busy, error, onSubmit} = useFormAction(async form => {
    setCheckInbox(undefined);
    const email = String(form.get('email')).trim();
    await register(String(form.get('username')), email, String(form.get('password')));
    setCheckInbox(email);
  });

  const fieldError = (f: string) => error?.fieldErrors[f];
  return (
    <AuthLayout title={authMsg.signUp.title}>
      <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
        {isFormWide(error, ['username', 'email', 'password']) ? <Alert>{error.message}</Alert> : null}
        {checkInbox ? (
          <Alert tone="info">
            {authMsg.signUp.checkInbox(
              <strong>{checkInbox}</strong>,
              text => (
                <Link to="/sign-in" className="text-brand underline">
                  {text}
                </Link>
              ),
              text => (
                <Link to="/forgot-password" className="text-brand underline">
                  {text}
                </Link>
              ),
            )}
          </Alert>
        ) : null}
        <TextField
          label={authMsg.username}
          name="username"
          autoComplete="username"
          required
          hint={authMsg.usernameHint}
          error={fieldError('username')}
        />
        <TextField
          label={msg.auth.email}
          name="email"
          type="email"
          autoComplete="email"
          required
          error={fieldError('email')}
        />
        <TextField
          label={msg.auth.password}
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          hint={authMsg.signUp.passwordHint}
          error={fieldError('password')}
        />
        <Button type="submit" disabled={busy}>
          {busy ? authMsg.signUp.submitting : authMsg.signUp.submit}
        </Button>
        <p className="text-sm text-ink-muted">
          {authMsg.signUp.haveAccount}{' '}
          <Link to="/sign-in" className="text-brand underline">
            {msg.common.signIn}
          </Link>
        </p>
      </form>
    </AuthLayout>
  );
}
