import type {ReceiverProfile} from './zero-clients.ts';
import type {LoadGenerators} from './load.ts';
import type {BenchStack} from './stack.ts';

/** What every scenario gets from the runner. */
export type BenchContext = {
  quick: boolean;
  stack: BenchStack;
  load: LoadGenerators;
  /** ws:// URL of the hand-built baseline server (bench/lib/baseline-server.ts). */
  baselineURL: string;
  profile: ReceiverProfile;
  /** How the delivery rows' sender posts: REST (as the client does, OB5), or Zero's push through zero-cache (`--send=zero`). */
  send: 'zero' | 'rest';
  /** `--pg-stats`: each delivery row reports Postgres's costliest statements in its window. */
  pgStats: boolean;
  log: (line: string) => void;
};
