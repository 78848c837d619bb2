import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startOidcProvider, type LocalOidcProvider} from '../oidc-provider.ts';
import {freePort} from '../ports.ts';
import {browserSuite} from '../suite.ts';

const CLIENT = {clientID: 'chorus-e2e', clientSecret: 'an-e2e-client-secret'};

describe('sign-in with an OpenID provider in the browser', () => {
  let provider: LocalOidcProvider;
  let port: number;

  // Registered first: the provider starts before the stack and closes after it.
  beforeAll(async () => {
    port = await freePort();
    // On `localhost` while the app is on 127.0.0.1: the way back from the
    // provider is a cross-site navigation, as with a real provider.
    provider = await startOidcProvider(
      {...CLIENT, redirectURI: `http://127.0.0.1:${port}/api/v1/auth/oidc/callback`},
      'localhost',
    );
  });
  afterAll(async () => {
    await provider?.close();
  });
  const suite = browserSuite({
    stack: () => ({
      port,
      env: {
        OIDC_ISSUER: provider.issuer,
        OIDC_CLIENT_ID: CLIENT.clientID,
        OIDC_CLIENT_SECRET: CLIENT.clientSecret,
        OIDC_PROVIDER_NAME: 'Test ID',
      },
    }),
  });

  it('[AC9] a new person signs in through the provider and stays signed in after a reload', async () => {
    provider.state.signInAs = {
      sub: 'test|uma',
      email: 'uma@example.test',
      email_verified: true,
      preferred_username: 'uma',
    };
    const page = await suite.newPage();
    await page.goto(`${suite.stack.url}/sign-in`);
    await page.getByRole('link', {name: 'Sign in with Test ID'}).click();
    await page.getByRole('heading', {name: 'Welcome to Chorus'}).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await page.getByLabel('Signed in as').filter({hasText: 'uma'}).waitFor();
    // The provider verified the address: nothing asks to verify it again.
    expect(await page.getByText('to create servers and send messages').count()).toBe(0);

    await page.reload();
    await page.getByRole('heading', {name: 'Welcome to Chorus'}).waitFor();
  });

  it('[AC9] says so on the sign-in page when the person declines at the provider', async () => {
    provider.state.refuse = true;
    const page = await suite.newPage();
    await page.goto(`${suite.stack.url}/sign-in`);
    await page.getByRole('link', {name: 'Sign in with Test ID'}).click();
    await page.getByRole('alert').filter({hasText: 'Sign-in was cancelled at the provider'}).waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
  });
});
