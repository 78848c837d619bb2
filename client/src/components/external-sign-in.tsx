import {useEffect, useState} from 'react';
import {useSearchParams} from 'react-router';
import * as z from 'zod/mini';
import {api} from '../lib/api.ts';
import {Alert} from './ui.tsx';
import {msg} from '../i18n/index.ts';

const providersResponseSchema = z.object({
  providers: z.array(z.object({id: z.string(), name: z.string(), startURL: z.string()})),
});
type Provider = z.infer<typeof providersResponseSchema>['providers'][number];

// The callback names what went wrong by code only, so no link can put words on this page.
const OIDC_ERRORS: Readonly<Record<string, string>> = msg.auth.external.errors;

/** "Sign in with …" for each external provider the server offers [AC9], and why the last try failed. */
export function ExternalSignIn() {
  const [params] = useSearchParams();
  const [providers, setProviders] = useState<Provider[]>([]);
  const errorCode = params.get('oidc_error');
  const error = errorCode ? (OIDC_ERRORS[errorCode] ?? OIDC_ERRORS.failed) : undefined;

  useEffect(() => {
    // Without the list the password form still works, so a failure shows nothing.
    api('/auth/providers', providersResponseSchema)
      .then(({providers}) => setProviders(providers))
      .catch(() => {});
  }, []);

  if (!error && providers.length === 0) return null;
  return (
    <div className="flex flex-col gap-3">
      {error ? <Alert>{error}</Alert> : null}
      {providers.map(provider => (
        // A full page load: the server sends the browser on to the provider.
        <a
          key={provider.id}
          href={provider.startURL}
          className="inline-flex items-center justify-center rounded-lg border border-surface-3 px-3.5 py-2 text-sm font-medium hover:bg-surface-3"
        >
          {msg.auth.external.signInWith(provider.name)}
        </a>
      ))}
      {providers.length > 0 ? (
        <p className="flex items-center gap-3 text-xs text-ink-muted before:h-px before:flex-1 before:bg-surface-3 after:h-px after:flex-1 after:bg-surface-3">
          {msg.auth.external.orWithEmail}
        </p>
      ) : null}
    </div>
  );
}
