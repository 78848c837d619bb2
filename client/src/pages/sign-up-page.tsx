import {useState, type FormEvent} from 'react';
import {Link, useNavigate} from 'react-router';
import {Alert, Button, TextField} from '../components/ui.tsx';
import {ApiError} from '../lib/api.ts';
import {useAuthStore} from '../stores/auth-store.ts';
import {AuthLayout} from './auth-layout.tsx';

export function SignUpPage() {
  const register = useAuthStore(s => s.register);
  const navigate = useNavigate();
  const [error, setError] = useState<{message: string; field?: string | undefined}>();
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(undefined);
    try {
      await register(String(form.get('username')), String(form.get('email')), String(form.get('password')));
      navigate('/', {replace: true});
    } catch (err) {
      setError({message: (err as Error).message, field: err instanceof ApiError ? err.field : undefined});
    } finally {
      setBusy(false);
    }
  }

  const fieldError = (f: string) => (error?.field === f ? error.message : undefined);
  return (
    <AuthLayout title="Create your account">
      <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
        {error && !error.field ? <Alert>{error.message}</Alert> : null}
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
