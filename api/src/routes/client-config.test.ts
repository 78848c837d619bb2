import {afterAll, describe, expect, it} from 'vitest';
import {startAuthApp, type AuthApp} from '../../../test/auth-app.ts';
import {parseEnv} from '../config.ts';

describe('GET /api/v1/client-config', () => {
  const apps: AuthApp[] = [];
  afterAll(async () => {
    for (const a of apps) await a.close();
  });

  it('tells the browser the disconnect timeout set in the environment, else null', async () => {
    const env = parseEnv({CLIENT_ZERO_DISCONNECT_TIMEOUT_MS: '5000'});
    const set = await startAuthApp({
      clientConfig: {zeroDisconnectTimeoutMs: env.CLIENT_ZERO_DISCONNECT_TIMEOUT_MS},
    });
    apps.push(set);
    expect((await set.call('GET', '/client-config')).json).toEqual({
      zeroDisconnectTimeoutMs: 5000,
      live: {provider: 'hub'},
    });
    const unset = await startAuthApp();
    apps.push(unset);
    expect((await unset.call('GET', '/client-config')).json).toEqual({
      zeroDisconnectTimeoutMs: null,
      live: {provider: 'hub'},
    });
  });

  it('refuses a timeout under a second', () => {
    expect(() => parseEnv({CLIENT_ZERO_DISCONNECT_TIMEOUT_MS: '10'})).toThrow(
      /CLIENT_ZERO_DISCONNECT_TIMEOUT_MS/,
    );
  });
});

describe('[LV6] choosing the live adapter', () => {
  it('takes an Ably key of the right shape, treats an empty one as unset, and refuses anything else', () => {
    expect(parseEnv({ABLY_API_KEY: 'appid.keyid:secret-part'}).ABLY_API_KEY).toBe('appid.keyid:secret-part');
    expect(parseEnv({ABLY_API_KEY: ''}).ABLY_API_KEY).toBeUndefined();
    expect(() => parseEnv({ABLY_API_KEY: 'just-a-secret'})).toThrow(
      /ABLY_API_KEY looks like appID.keyID:secret/,
    );
  });
});
