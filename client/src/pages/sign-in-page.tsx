import {useState, type FormEvent} from 'react';
import {Link, useNavigate} from 'react-router';
import {ExternalSignIn} from '../components/external-sign-in.tsx';
import {Alert, Button, TextField} from '../components/ui.tsx';
import {useAuthStore} from '../stores/auth-store.ts';
import {AuthLayout} from './auth-layout.tsx';

export function SignInPage() {
  const signIn = useAuthStore(s => s.signIn);
  const navigate = useNavigate();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(undefined);
    try {
      await signIn(String(form.get('email')), String(form.get('password')));
      navigate('/', {replace: true});
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthLayout title="Sign in">
      <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
        <ExternalSignIn />
        {error ? <Alert>{error}</Alert> : null}
        <TextField label="Email" name="email" type="email" autoComplete="email" required />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
        />
        <Link to="/forgot-password" className="-mt-2 self-end text-sm text-brand underline">
          Forgot your password?
        </Link>
        <Button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </Button>
        <p className="text-sm text-ink-muted">
          New here?{' '}
          <Link to="/sign-up" className="text-brand underline">
            Create an account
          </Link>
        </p>
      </form>
    </AuthLayout>
  );
}
