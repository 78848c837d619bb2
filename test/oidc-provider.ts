import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {exportJWK, generateKeyPair} from 'jose';
import Provider from 'oidc-provider';

/** The person who says yes at the provider's login page, as the provider knows them. */
export type ProviderAccount = {
  sub: string;
  email?: string;
  email_verified?: boolean;
  preferred_username?: string;
  name?: string;
};

export type LocalOidcProvider = Awaited<ReturnType<typeof startOidcProvider>>;

/**
 * A real OpenID provider (`oidc-provider`, certified) on loopback, with one
 * confidential client for Chorus that must use PKCE. Its login and consent
 * pages are replaced by a person who signs in as `state.signInAs` and
 * agrees to everything; the rest (discovery, JWKS, codes, tokens, UserInfo)
 * is the provider's own.
 */
export async function startOidcProvider(
  client: {clientID: string; clientSecret: string; redirectURI: string},
  // `localhost` puts the provider on another site than an app on 127.0.0.1, as in production.
  hostname = '127.0.0.1',
) {
  const server: Server = createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://${hostname}:${(server.address() as AddressInfo).port}`;

  const {privateKey} = await generateKeyPair('RS256', {extractable: true});
  const jwk = {...(await exportJWK(privateKey)), kid: 'test-key', alg: 'RS256', use: 'sig'};

  const accounts = new Map<string, ProviderAccount>();
  const state: {signInAs: ProviderAccount | undefined; refuse: boolean} = {
    signInAs: undefined,
    refuse: false,
  };

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: client.clientID,
        client_secret: client.clientSecret,
        redirect_uris: [client.redirectURI],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: {keys: [jwk]},
    cookies: {keys: ['local-oidc-provider-cookie-key']},
    pkce: {required: () => true},
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['preferred_username', 'name'],
    },
    features: {devInteractions: {enabled: false}},
    ttl: {
      AuthorizationCode: 60,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
      AccessToken: 600,
      IdToken: 600,
    },
    interactions: {url: (_ctx, interaction) => `/interaction/${interaction.uid}`},
    findAccount: (_ctx, id) => {
      const account = accounts.get(id);
      return account && {accountId: id, claims: () => account};
    },
  });
  // Quiet: the test sees failures through what Chorus does.
  provider.on('server_error', (_ctx, err) => console.error('oidc-provider', err));

  const handle = provider.callback();
  server.on('request', (req, res) => {
    if (!req.url?.startsWith('/interaction/')) return void handle(req, res);
    void (async () => {
      const details = await provider.interactionDetails(req, res);
      const person = state.signInAs;
      if (state.refuse || !person) {
        await provider.interactionFinished(req, res, {
          error: 'access_denied',
          error_description: 'The person said no.',
        });
      } else if (details.prompt.name === 'login') {
        accounts.set(person.sub, person);
        await provider.interactionFinished(req, res, {login: {accountId: person.sub}});
      } else {
        const grant = new provider.Grant({accountId: person.sub, clientId: client.clientID});
        const missing = details.prompt.details as {missingOIDCScope?: string[]; missingOIDCClaims?: string[]};
        if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
        if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
        await provider.interactionFinished(
          req,
          res,
          {consent: {grantId: await grant.save()}},
          {mergeWithLastSubmission: true},
        );
      }
    })().catch(err => {
      res.statusCode = 500;
      res.end(String(err));
    });
  });

  return {
    issuer,
    /** Who signs in at the provider next; `refuse` makes them decline instead. */
    state,
    /** The provider's own signing key, to make tokens it never issued with the right signature. */
    signingKey: {key: privateKey, kid: jwk.kid},
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}
