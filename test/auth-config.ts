import {randomBytes} from 'node:crypto';
import type {AuthConfig} from '@chorus/api/config';

/** The API's token settings as tests use them: production defaults, a fresh random key unless given one. */
export function testAuthConfig(overrides: Partial<AuthConfig> = {}): AuthConfig {
  return {
    jwtSecret: randomBytes(48),
    issuer: 'chorus',
    audience: 'chorus-api',
    accessTokenTTLSeconds: 900,
    refreshTokenTTLDays: 30,
    secureCookies: false,
    ...overrides,
  };
}
