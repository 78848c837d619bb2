import {useEffect, useState, type FormEvent} from 'react';
import {z} from 'zod';
import {Alert, Button, TextField} from '../components/ui.tsx';
import {formError, isFormWide, userSchema, type User} from '../lib/api.ts';
import {authedApi} from '../lib/authed-api.ts';
import {useAuthStore} from '../stores/auth-store.ts';

const userResponseSchema = z.object({user: userSchema});

type ProfileFields = Pick<User, 'username' | 'pictureUrl' | 'externalLink'>;
const PROFILE_FIELDS: (keyof ProfileFields)[] = ['username', 'pictureUrl', 'externalLink'];

/** Settings → Profile: username, picture and external link, as others see them [AC7]. */
export function ProfileSection() {
  const user = useAuthStore(s => s.user);
  const setUser = useAuthStore(s => s.setUser);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{tone: 'ok' | 'danger'; text: string}>();
  const [busy, setBusy] = useState(false);

  // The profile may have changed on another device since this one signed in.
  useEffect(() => {
    authedApi('/users/me', userResponseSchema)
      .then(({user}) => setUser(user))
      .catch(() => {});
  }, [setUser]);

  if (!user) return null;

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!user) return;
    const form = new FormData(e.currentTarget);
    const link = (name: string) => String(form.get(name)).trim() || null;
    const next: ProfileFields = {
      username: String(form.get('username')).trim(),
      pictureUrl: link('pictureUrl'),
      externalLink: link('externalLink'),
    };
    // Only what changed, so an untouched field can never fail the save.
    const changes = Object.fromEntries(
      PROFILE_FIELDS.filter(key => next[key] !== user[key]).map(key => [key, next[key]]),
    );
    setFieldErrors({});
    setMessage(undefined);
    if (Object.keys(changes).length === 0) {
      setMessage({tone: 'ok', text: 'Nothing to save: your profile is unchanged.'});
      return;
    }
    setBusy(true);
    try {
      const {user: saved} = await authedApi('/users/me', userResponseSchema, {
        method: 'PATCH',
        body: changes,
      });
      setUser(saved);
      setMessage({tone: 'ok', text: 'Profile saved.'});
    } catch (err) {
      const error = formError(err);
      setFieldErrors(error.fieldErrors);
      if (isFormWide(error, PROFILE_FIELDS)) setMessage({tone: 'danger', text: error.message});
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="profile-heading" className="flex flex-col gap-4">
      <div>
        <h2 id="profile-heading" className="text-lg font-semibold">
          Profile
        </h2>
        <p className="text-sm text-ink-muted">
          Everyone in your servers sees these. Your email stays private.
        </p>
      </div>
      <p className="text-sm">
        Signed in as <strong>{user.email ?? user.username}</strong>
        {user.email ? (user.emailVerified ? ' (verified)' : ' (not verified yet)') : null}
      </p>
      <form
        onSubmit={onSubmit}
        noValidate
        className="flex flex-col gap-4"
        // Fresh defaults whenever the saved profile changes.
        key={`${user.username}\n${user.pictureUrl ?? ''}\n${user.externalLink ?? ''}`}
      >
        <TextField
          label="Username"
          name="username"
          autoComplete="username"
          defaultValue={user.username}
          required
          hint="2–32 letters, digits, dots, dashes or underscores."
          error={fieldErrors.username}
        />
        <div className="flex items-end gap-3">
          {user.pictureUrl ? (
            <img
              src={user.pictureUrl}
              alt="Your current picture"
              className="h-12 w-12 shrink-0 rounded-full object-cover"
              referrerPolicy="no-referrer"
            />
          ) : null}
          <div className="flex-1">
            <TextField
              label="Picture URL"
              name="pictureUrl"
              type="url"
              inputMode="url"
              defaultValue={user.pictureUrl ?? ''}
              placeholder="https://…"
              hint="A link to an image. Leave empty for none."
              error={fieldErrors.pictureUrl}
            />
          </div>
        </div>
        <TextField
          label="External link"
          name="externalLink"
          type="url"
          inputMode="url"
          defaultValue={user.externalLink ?? ''}
          placeholder="https://…"
          hint="Your website or a profile elsewhere. Leave empty for none."
          error={fieldErrors.externalLink}
        />
        {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
        <div>
          <Button type="submit" disabled={busy}>
            {busy ? 'Saving…' : 'Save profile'}
          </Button>
        </div>
      </form>
    </section>
  );
}
