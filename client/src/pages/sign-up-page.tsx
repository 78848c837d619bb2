import {useState, type FormEvent} from 'react';
import {Link, useNavigate} from 'react-router';
import {Alert, Button, TextField} from '../components/ui.tsx';
import {formError, isFormWide, type FormError} from '../lib/api.ts';
import {useAuthStore} from '../stores/auth-store.ts';
import {AuthLayout} from './auth-layout.tsx';

export function SignUpPage() {
  const register = useAuthStore(s => s.register);
  const navigate = useNavigate();
  const [error, setError] = useState<FormError>();
  const [busy, setBusy] = useState(false);
  const [checkInbox, setCheckInbox] = useState<string>();

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(undefined);
    setCheckInbox(undefined);
    const email = String(form.get('email')).trim();
    try {
      const outcome = await register(String(form.get('username')), email, String(form.get('password')));
      if (outcome === 'signed-in') navigate('/', {replace: true});
      else setCheckInbox(email);
    } catch (err) {
      setError(formError(err));
    } finally {
      setBusy(false);
    }
  }

  const fieldError = (f: string) => error?.fieldErrors[f];
  return (
    <AuthLayout title="Create your account">
      <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
        {isFormWide(error, ['username', 'email', 'password']) ? <Alert>{error.message}</Alert> : null}
        {checkInbox ? (
          <Alert tone="info">
            Check your inbox at <strong>{checkInbox}</strong> to verify your address, then{' '}
            <Link to="/sign-in" className="text-brand underline">
              sign in
            </Link>
            . If you already have an account,{' '}
            <Link to="/forgot-password" className="text-brand underline">
              reset your password
            </Link>
            .
          </Alert>
        ) : null}
        <TextField
          label="Username"
          name="username"
          autoComplete="username"
          required
          hint="2–32 letters, digits, dots, dashes or underscores."
          error={fieldError('username')}
        />
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          required
          error={fieldError('email')}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          hint="At least 8 characters."
          error={fieldError('password')}
        />
        <Button type="submit" disabled={busy}>
          {busy ? 'Creating account…' : 'Create account'}
        </Button>
        <p className="text-sm text-ink-muted">
          Already have an account?{' '}
          <Link to="/sign-in" className="text-brand underline">
            Sign in
          </Link>
        </p>
      </form>
    </AuthLayout>
  );
}
