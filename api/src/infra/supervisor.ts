/** A running child process as the supervisor sees it. */
export type Supervisable = {
  /** Resolves when the process ends, with how it ended ("code 1", "SIGKILL"). */
  exited: Promise<string>;
  stop: () => Promise<void>;
};

export type SupervisorOptions<T> = {
  log: (line: string) => void;
  /** First wait before a restart; doubles after each failed attempt (default 1 s). */
  minDelayMs?: number;
  /** Longest wait between attempts (default 30 s). */
  maxDelayMs?: number;
  /** A run this long resets the wait to `minDelayMs` (default 60 s). */
  stableMs?: number;
  /** Called with each new run, after a restart too. */
  onStart?: (run: T) => void;
};

/**
 * Keeps one child process running: when it ends without `stop()`, it is
 * logged and started again, waiting 1 s, 2 s, 4 s … (at most 30 s) between
 * attempts so that a child that cannot start does not spin.
 */
export class Supervisor<T extends Supervisable> {
  readonly #name: string;
  readonly #launch: () => Promise<T>;
  readonly #options: Required<Omit<SupervisorOptions<T>, 'onStart'>> & Pick<SupervisorOptions<T>, 'onStart'>;
  #current: T | undefined;
  #stopping = false;
  #restarts = 0;
  #wake: (() => void) | undefined;
  #loop: Promise<void> | undefined;

  constructor(name: string, launch: () => Promise<T>, options: SupervisorOptions<T>) {
    this.#name = name;
    this.#launch = launch;
    this.#options = {minDelayMs: 1_000, maxDelayMs: 30_000, stableMs: 60_000, ...options};
  }

  /** Starts the first run; a failure here is thrown, not retried (a bad configuration). */
  async start(): Promise<T> {
    const run = await this.#launch();
    this.#current = run;
    this.#options.onStart?.(run);
    this.#loop = this.#watch(run);
    return run;
  }

  /** The current run, or undefined while the child is down. */
  get current(): T | undefined {
    return this.#current;
  }

  /** How many times the child has been started again. */
  get restarts(): number {
    return this.#restarts;
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    this.#wake?.();
    await this.#current?.stop();
    await this.#loop;
  }

  async #watch(first: T): Promise<void> {
    let run: T | undefined = first;
    let delay = this.#options.minDelayMs;
    while (!this.#stopping) {
      if (run) {
        const startedAt = Date.now();
        const how = await run.exited;
        this.#current = undefined;
        if (this.#stopping) return;
        if (Date.now() - startedAt >= this.#options.stableMs) delay = this.#options.minDelayMs;
        this.#options.log(`${this.#name} stopped unexpectedly (${how}); restarting in ${delay / 1000} s`);
      }
      await new Promise<void>(resolve => {
        const timer = setTimeout(resolve, delay);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      if (this.#stopping) return;
      delay = Math.min(delay * 2, this.#options.maxDelayMs);
      try {
        run = await this.#launch();
        if (this.#stopping) {
          await run.stop();
          return;
        }
        this.#restarts++;
        this.#current = run;
        this.#options.onStart?.(run);
        this.#options.log(`${this.#name} is running again`);
      } catch (err) {
        run = undefined;
        this.#options.log(
          `${this.#name} did not start (${(err as Error).message}); trying again in ${delay / 1000} s`,
        );
      }
    }
  }
}
