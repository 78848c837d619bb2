import {createRemoteJWKSet, generateKeyPair, SignJWT, UnsecuredJWT, type CryptoKey} from 'jose';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startAuthApp, type AuthApp} from '../../../test/auth-app.ts';
import {
  startOidcProvider,
  type LocalOidcProvider,
  type ProviderAccount,
} from '../../../test/oidc-provider.ts';
import {oidcConfigFromEnv, parseEnv} from '../config.ts';
import {usernameCandidates} from './oidc-accounts.ts';
import {verifyIdToken} from './oidc-client.ts';

// Sign-in through a real OpenID provider (oidc-provider on loopback): the
// browser's part is played by fetch with a cookie jar, following redirects.

const CLIENT = {clientID: 'chorus', clientSecret: 'a-client-secret-for-tests-only'};
const CALLBACK = 'http://chorus.test/api/v1/auth/oidc/callback';

let provider: LocalOidcProvider;
let t: AuthApp;
beforeAll(async () => {
  provider = await startOidcProvider({...CLIENT, redirectURI: CALLBACK});
  t = await startAuthApp({
    rateLimits: {multiplier: 1000},
    oidc: {issuer: provider.issuer, ...CLIENT, name: 'Test ID'},
  });
});
afterAll(async () => {
  await t?.close();
  await provider?.close();
});

/** A browser's cookies for one site, by name. */
class CookieJar {
  readonly cookies = new Map<string, string>();
  take(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const expired = attributes.some(a => /^\s*max-age=0\s*$/i.test(a)) || pair.slice(at + 1) === '';
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(at + 1));
    }
  }
  header() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/**
 * Start → the provider (where `person` signs in and consents) → callback, as a
 * browser would. Returns Chorus's answer to the callback and the jar holding
 * Chorus's cookies.
 */
async function signInWithProvider(person: ProviderAccount | 'refuses', tamper?: (callback: URL) => void) {
  provider.state.signInAs = person === 'refuses' ? undefined : person;
  provider.state.refuse = person === 'refuses';
  const chorus = new CookieJar();
  const atProvider = new CookieJar();

  const start = await t.app.request('/api/v1/auth/oidc/start');
  expect(start.status).toBe(302);
  chorus.take(start);
  let url = new URL(start.headers.get('location')!);
  expect(url.origin).toBe(provider.issuer);
  expect(url.searchParams.get('code_challenge_method')).toBe('S256');

  for (let hops = 0; url.origin === provider.issuer; hops++) {
    if (hops > 10) throw new Error('too many redirects at the provider');
    const res = await fetch(url, {redirect: 'manual', headers: {cookie: atProvider.header()}});
    atProvider.take(res);
    const location = res.headers.get('location');
    if (!location) throw new Error(`the provider answered ${res.status}: ${await res.text()}`);
    url = new URL(location, url);
  }
  expect(`${url.origin}${url.pathname}`).toBe(CALLBACK);
  tamper?.(url);
  const callback = await t.app.request(`${url.pathname}${url.search}`, {headers: {cookie: chorus.header()}});
  chorus.take(callback);
  return {
    callback,
    location: callback.headers.get('location'),
    refresh: chorus.cookies.get('chorus_refresh'),
  };
}

/** Signs in and returns the signed-in user, as the client learns it from the refresh cookie. */
async function signedInUser(person: ProviderAccount) {
  const {callback, location, refresh} = await signInWithProvider(person);
  expect(callback.status).toBe(302);
  expect(location).toBe('/');
  expect(refresh).toBeTruthy();
  const res = await t.call('POST', '/auth/refresh', {refresh});
  expect(res.status).toBe(200);
  return res.json.user as {id: string; username: string; email: string; emailVerified: boolean};
}

const person = (name: string, extra: Partial<ProviderAccount> = {}): ProviderAccount => ({
  sub: `provider|${name}-${Math.random().toString(36).slice(2)}`,
  email: `${name}-${Math.random().toString(36).slice(2, 8)}@example.test`,
  email_verified: true,
  preferred_username: name,
  ...extra,
});

describe('[AC9] sign-in with an OpenID Connect provider', () => {
  it('lists the provider for the sign-in page', async () => {
    const res = await t.call('GET', '/auth/providers');
    expect(res.json).toEqual({
      providers: [{id: 'oidc', name: 'Test ID', startURL: '/api/v1/auth/oidc/start'}],
    });
  });

  it('[AC10] signs a new person in end to end: a verified account without a password, linked for next time', async () => {
    const ivy = person('ivy');
    const user = await signedInUser(ivy);
    expect(user).toMatchObject({username: 'ivy', email: ivy.email, emailVerified: true});
    expect(
      await t.count('SELECT count(*) FROM user_identities WHERE subject = $1 AND user_id = $2', [
        ivy.sub,
        user.id,
      ]),
    ).toBe(1);
    // No password was set, so none works.
    expect((await t.call('POST', '/auth/login', {body: {email: ivy.email, password: ''}})).status).toBe(400);
    expect(
      (await t.call('POST', '/auth/login', {body: {email: ivy.email, password: 'correct horse battery'}}))
        .status,
    ).toBe(401);

    // Next time the provider account is known by its subject, whatever address it has now.
    const again = await signedInUser({...ivy, email: 'ivy-new@example.test'});
    expect(again.id).toBe(user.id);
    expect(again.email).toBe(ivy.email);
  });

  it('[AC10] gives a new account a free username when the provider’s is taken', async () => {
    const first = await signedInUser(person('jo', {email: 'jo@example.test'}));
    const second = await signedInUser(person('JO', {email: 'JO@elsewhere.test'}));
    expect(first.username).toBe('jo');
    expect(second.username).toMatch(/^JO-\d{4}$/);
  });

  it('[AC10] links the account that already uses the verified address; its password keeps working', async () => {
    const who = await t.register();
    const [mail] = await t.mailsTo(who.email, 1, 'Verify your email for Chorus');
    expect(
      (await t.call('POST', '/auth/verify-email', {body: {token: t.linkToken(mail!, '/verify-email')}}))
        .status,
    ).toBe(200);
    const laptop = await t.login(who);

    const user = await signedInUser(person('kim', {email: who.email.toUpperCase()}));
    expect(user.id).toBe(who.id);
    expect(user.username).toBe(who.username);
    expect((await t.call('POST', '/auth/refresh', {refresh: laptop.refresh})).status).toBe(200);
    await t.login(who);
  });

  it('[AC10] takes an address back from someone who registered it without verifying: their password and sessions end', async () => {
    const squatter = await t.register();
    const squatterSession = await t.login(squatter);

    const user = await signedInUser(person('lee', {email: squatter.email}));
    expect(user.id).toBe(squatter.id);
    expect(user.emailVerified).toBe(true);
    expect((await t.call('POST', '/auth/refresh', {refresh: squatterSession.refresh})).status).toBe(401);
    expect((await t.call('GET', '/users/me', {token: squatterSession.accessToken})).status).toBe(401);
    expect((await t.call('POST', '/auth/login', {body: squatter})).status).toBe(401);
  });

  it('[AC10] signs no one in when the provider has not verified the address', async () => {
    const before = await t.count('SELECT count(*) FROM users');
    for (const account of [person('max', {email_verified: false}), person('ned', {email: undefined})]) {
      const {callback, location, refresh} = await signInWithProvider(account);
      expect(callback.status).toBe(302);
      expect(location).toBe('/sign-in?oidc_error=unverified-email');
      expect(refresh).toBeUndefined();
    }
    expect(await t.count('SELECT count(*) FROM users')).toBe(before);
  });

  it('says so when the person declines at the provider', async () => {
    const {location, refresh} = await signInWithProvider('refuses');
    expect(location).toBe('/sign-in?oidc_error=cancelled');
    expect(refresh).toBeUndefined();
  });

  it('refuses a callback whose state is not the one given to this browser, or with no state cookie', async () => {
    const other = await t.app.request('/api/v1/auth/oidc/start');
    const otherState = new URL(other.headers.get('location')!).searchParams.get('state')!;
    const swapped = await signInWithProvider(person('oz'), url => url.searchParams.set('state', otherState));
    expect(swapped.location).toBe('/sign-in?oidc_error=failed');
    expect(swapped.refresh).toBeUndefined();

    const {callback} = await signInWithProvider(person('pat'), url => url.searchParams.delete('state'));
    expect(callback.headers.get('location')).toBe('/sign-in?oidc_error=failed');

    const noCookie = await t.app.request('/api/v1/auth/oidc/callback?code=abc&state=def');
    expect(noCookie.headers.get('location')).toBe('/sign-in?oidc_error=expired');
  });

  it('refuses a response that names another issuer (RFC 9207)', async () => {
    const {location, refresh} = await signInWithProvider(person('quinn'), url =>
      url.searchParams.set('iss', 'https://evil.example'),
    );
    expect(location).toBe('/sign-in?oidc_error=failed');
    expect(refresh).toBeUndefined();
  });
});

describe('[AC9] ID token checks', () => {
  const nonce = 'the-nonce';
  let keys: ReturnType<typeof createRemoteJWKSet>;
  beforeAll(() => {
    keys = createRemoteJWKSet(new URL(`${provider.issuer}/jwks`));
  });
  const expected = () => ({issuer: provider.issuer, clientID: CLIENT.clientID, nonce});
  /** An ID token as the provider would issue it, with `claims` changed. */
  const sign = (key: CryptoKey, claims: Record<string, unknown> = {}) => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({
      iss: provider.issuer,
      aud: CLIENT.clientID,
      sub: 'provider|x',
      iat: now,
      exp: now + 300,
      nonce,
      email: 'x@example.test',
      ...claims,
    })
      .setProtectedHeader({alg: 'RS256', kid: provider.signingKey.kid})
      .sign(key);
  };

  it('accepts a token signed with a key of the provider’s JWKS, for this client and nonce', async () => {
    const claims = await verifyIdToken(await sign(provider.signingKey.key), keys, expected());
    expect(claims.sub).toBe('provider|x');
  });

  it('rejects a token signed with any other key, even under the provider’s key id', async () => {
    const {privateKey} = await generateKeyPair('RS256');
    await expect(verifyIdToken(await sign(privateKey), keys, expected())).rejects.toThrow(
      /ID token rejected/,
    );
  });

  it('rejects alg none and an HMAC keyed with the client secret', async () => {
    const none = new UnsecuredJWT({nonce, sub: 'provider|x'})
      .setIssuer(provider.issuer)
      .setAudience(CLIENT.clientID)
      .setIssuedAt()
      .setExpirationTime('5m')
      .encode();
    await expect(verifyIdToken(none, keys, expected())).rejects.toThrow(/ID token rejected/);
    const hmac = await new SignJWT({nonce})
      .setProtectedHeader({alg: 'HS256'})
      .setIssuer(provider.issuer)
      .setAudience(CLIENT.clientID)
      .setSubject('provider|x')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(CLIENT.clientSecret));
    await expect(verifyIdToken(hmac, keys, expected())).rejects.toThrow(/ID token rejected/);
  });

  it('rejects a token for another client, from another issuer, expired, or with another nonce', async () => {
    const key = provider.signingKey.key;
    const forOther = await sign(key, {aud: 'someone-else'});
    await expect(verifyIdToken(forOther, keys, expected())).rejects.toThrow(/aud/);
    await expect(
      verifyIdToken(await sign(key, {iss: 'https://evil.example'}), keys, expected()),
    ).rejects.toThrow(/iss/);
    await expect(
      verifyIdToken(await sign(key, {exp: Math.floor(Date.now() / 1000) - 3600}), keys, expected()),
    ).rejects.toThrow(/exp/);
    await expect(verifyIdToken(await sign(key, {nonce: 'replayed'}), keys, expected())).rejects.toThrow(
      /nonce/,
    );
    await expect(verifyIdToken(await sign(key, {azp: 'someone-else'}), keys, expected())).rejects.toThrow(
      /azp/,
    );
  });
});

describe('[AC9] configuration', () => {
  it('is off when unset: no provider listed, and its routes are 404', async () => {
    const plain = await startAuthApp();
    try {
      expect((await plain.call('GET', '/auth/providers')).json).toEqual({providers: []});
      expect((await plain.call('GET', '/auth/oidc/start')).status).toBe(404);
    } finally {
      await plain.close();
    }
  });

  it('stops the start when only part of it is set, naming what is missing', () => {
    expect(() => parseEnv({OIDC_ISSUER: 'https://example.auth0.com/'})).toThrow(
      /OIDC_CLIENT_ID: .*required[\s\S]*OIDC_CLIENT_SECRET: .*required/,
    );
    expect(() => parseEnv({OIDC_ISSUER: 'not a url', OIDC_CLIENT_ID: 'a', OIDC_CLIENT_SECRET: 'b'})).toThrow(
      /OIDC_ISSUER/,
    );
  });

  it('names the provider by OIDC_PROVIDER_NAME, or else by the issuer’s host', () => {
    const env = {OIDC_ISSUER: 'https://example.auth0.com/', OIDC_CLIENT_ID: 'a', OIDC_CLIENT_SECRET: 'b'};
    expect(oidcConfigFromEnv(parseEnv(env))?.name).toBe('example.auth0.com');
    expect(oidcConfigFromEnv(parseEnv({...env, OIDC_PROVIDER_NAME: 'Auth0'}))?.name).toBe('Auth0');
    expect(oidcConfigFromEnv(parseEnv({}))).toBeUndefined();
  });

  it('makes usernames that fit the username rule from what the provider says', () => {
    expect(usernameCandidates({sub: 's', preferred_username: 'Zoë Smith', email: 'z@x.test'})).toEqual([
      'Zoe.Smith',
    ]);
    expect(usernameCandidates({sub: 's', name: '李', email: 'li.wei+chat@x.test'})).toEqual(['li.weichat']);
  });
});
