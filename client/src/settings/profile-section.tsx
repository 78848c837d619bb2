import {useEffect, useState, type FormEvent} from 'react';
import * as z from 'zod/mini';
import {Alert, Button, TextField} from '../components/ui.tsx';
import {formError, isFormWide, userSchema, type User} from '../lib/api.ts';
import {authedApi, useAuthStore} from '../stores/auth-store.ts';
import {msg} from '../i18n/index.ts';
import {authMsg} from '../i18n/auth.ts';
import {settingsMsg} from '../i18n/settings.ts';
import {SettingsSection} from './settings-section.tsx';

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
      setMessage({tone: 'ok', text: settingsMsg.profile.unchanged});
      return;
    }
    setBusy(true);
    try {
      const {user: saved} = await authedApi('/users/me', userResponseSchema, {
        method: 'PATCH',
        body: changes,
      });
      setUser(saved);
      setMessage({tone: 'ok', text: settingsMsg.profile.saved});
    } catch (err) {
      const error = formError(err);
      setFieldErrors(error.fieldErrors);
      if (isFormWide(error, PROFILE_FIELDS)) setMessage({tone: 'danger', text: error.message});
    } finally {
      setBusy(false);
    }
  }

  return (
    <SettingsSection title={settingsMsg.sections.profile} intro={settingsMsg.profile.intro}>
      <p className="text-sm">
        {settingsMsg.profile.signedInAs(
          <strong>{user.email ?? user.username}</strong>,
          user.email ? user.emailVerified : undefined,
        )}
      </p>
      <form
        onSubmit={onSubmit}
        noValidate
        className="flex flex-col gap-4"
        // Fresh defaults whenever the saved profile changes.
        key={`${user.username}\n${user.pictureUrl ?? ''}\n${user.externalLink ?? ''}`}
      >
        <TextField
          label={authMsg.username}
          name="username"
          autoComplete="username"
          defaultValue={user.username}
          required
          hint={authMsg.usernameHint}
          error={fieldErrors.username}
        />
        <div className="flex items-end gap-3">
          {user.pictureUrl ? (
            <img
              src={user.pictureUrl}
              alt={settingsMsg.profile.picture}
              className="h-12 w-12 shrink-0 rounded-full object-cover"
              referrerPolicy="no-referrer"
            />
          ) : null}
          <div className="flex-1">
            <TextField
              label={settingsMsg.profile.pictureUrl}
              name="pictureUrl"
              type="url"
              inputMode="url"
              defaultValue={user.pictureUrl ?? ''}
              placeholder={settingsMsg.profile.urlPlaceholder}
              hint={settingsMsg.profile.pictureHint}
              error={fieldErrors.pictureUrl}
            />
          </div>
        </div>
        <TextField
          label={settingsMsg.profile.externalLink}
          name="externalLink"
          type="url"
          inputMode="url"
          defaultValue={user.externalLink ?? ''}
          placeholder={settingsMsg.profile.urlPlaceholder}
          hint={settingsMsg.profile.externalLinkHint}
          error={fieldErrors.externalLink}
        />
        {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
        <div>
          <Button type="submit" disabled={busy}>
            {busy ? msg.common.saving : settingsMsg.profile.submit}
          </Button>
        </div>
      </form>
    </SettingsSection>
  );
}
