import {Link, useNavigate} from 'react-router';
import {ExternalSignIn} from '../components/external-sign-in.tsx';
import {Alert, Button, TextField} from '../components/ui.tsx';
import {useFormAction} from '../hooks/use-form-action.ts';
import {useAuthStore} from '../stores/auth-store.ts';
import {AuthLayout} from './auth-layout.tsx';
import {msg} from '../i18n/index.ts';

export function SignInPage() {
  const signIn = useAuthStore(s => s.signIn);
  const endedBecause = useAuthStore(s => s.endedBecause);
  const navigate = useNavigate();
  const {busy, error, onSubmit} = useFormAction(async form => {
    await signIn(String(form.get('email')), String(form.get('password')));
    navigate('/', {replace: true});
  });

  return (
    <AuthLayout title={msg.auth.signIn.title}>
      <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
        <ExternalSignIn />
        {error ? (
          <Alert>{error.message}</Alert>
        ) : endedBecause === 'session-ended' ? (
          <Alert tone="info">{msg.auth.sessionEnded}</Alert>
        ) : null}
        <TextField label={msg.auth.email} name="email" type="email" autoComplete="email" required />
        <TextField
          label={msg.auth.password}
          name="password"
          type="password"
          autoComplete="current-password"
          required
        />
        <Link to="/forgot-password" className="-mt-2 self-end text-sm text-brand underline">
          {msg.auth.signIn.forgot}
        </Link>
        <Button type="submit" disabled={busy}>
          {busy ? msg.auth.signIn.submitting : msg.auth.signIn.submit}
        </Button>
        <p className="text-sm text-ink-muted">
          {msg.auth.signIn.newHere}{' '}
          <Link to="/sign-up" className="text-brand underline">
            {msg.auth.signIn.createAccount}
          </Link>
        </p>
      </form>
    </AuthLayout>
  );
}
