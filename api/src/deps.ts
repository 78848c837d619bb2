import type {Schema} from '@chorus/schema';
import type {ZQLDatabase} from '@rocicorp/zero/server';
import type {NodePgTransaction} from '@rocicorp/zero/server/adapters/pg';
import type {Pool} from 'pg';
import type {AuthConfig} from './config.ts';
import type {Mailer} from './mail/mailer.ts';

/** Everything `createApp` needs; tests pass real instances of each. */
export type Deps = {
  pool: Pool;
  zqlDb: ZQLDatabase<Schema, NodePgTransaction>;
  auth: AuthConfig;
  /** Where people open the app; used in links sent by email. */
  publicURL: string;
  mailer: Mailer;
  /** Directory of the built client, served at `/` when set. */
  clientDir?: string | undefined;
  log?: (line: string) => void;
};
