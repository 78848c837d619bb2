import {fork, type ChildProcess} from 'node:child_process';
import {closeSync, openSync} from 'node:fs';

/**
 * A tiny request/response protocol over Node's IPC channel, so the runner can
 * drive the stack, the baseline server and the load generators as separate
 * processes (what is measured must not share a CPU queue with what measures).
 */

type Request = {id: number; cmd: string; args: unknown};
type Response = {id: number; result?: unknown; error?: string};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Handlers = Record<string, (args: any) => unknown>;

/** Child side: answers the parent's calls with `handlers`; exits when the parent goes away. */
export function serveParent(handlers: Handlers, options: {onDisconnect?: () => Promise<void>} = {}): void {
  const send = process.send?.bind(process);
  if (!send) throw new Error('this script runs as a child process of bench/run.ts');
  process.on('message', (msg: Request) => {
    const handler = handlers[msg.cmd];
    Promise.resolve()
      .then(() => {
        if (!handler) throw new Error(`unknown command ${msg.cmd}`);
        return handler(msg.args);
      })
      .then(
        result => send({id: msg.id, result} satisfies Response),
        (err: unknown) =>
          send({id: msg.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err)}),
      );
  });
  process.on('disconnect', () => {
    void (options.onDisconnect?.() ?? Promise.resolve()).finally(() => process.exit(0));
  });
  send({id: 0, result: 'ready'} satisfies Response);
}

/** Parent side: a child process running `serveParent`. */
export class Child {
  readonly process: ChildProcess;
  readonly #pending = new Map<number, {resolve: (v: unknown) => void; reject: (e: Error) => void}>();
  #next = 1;
  readonly ready: Promise<void>;

  constructor(
    script: URL,
    options: {
      env?: NodeJS.ProcessEnv;
      args?: string[];
      /** Node flags for the child (default: this process's). */
      execArgv?: string[];
      name: string;
      outputFile?: string | undefined;
    },
  ) {
    // The child's console goes to `outputFile` when given (the stack's chatter stays out of the report).
    const out = options.outputFile ? openSync(options.outputFile, 'a') : 'inherit';
    this.process = fork(script, options.args ?? [], {
      env: options.env ?? process.env,
      execArgv: options.execArgv ?? process.execArgv,
      serialization: 'advanced',
      stdio: ['ignore', out, out, 'ipc'],
    });
    if (typeof out === 'number') closeSync(out);
    this.ready = new Promise((resolve, reject) => {
      this.process.once('exit', code => {
        const err = new Error(`${options.name} exited with code ${code}`);
        reject(err);
        for (const p of this.#pending.values()) p.reject(err);
        this.#pending.clear();
      });
      this.process.on('message', (msg: Response) => {
        if (msg.id === 0) return resolve();
        const pending = this.#pending.get(msg.id);
        if (!pending) return;
        this.#pending.delete(msg.id);
        if (msg.error !== undefined) pending.reject(new Error(`${options.name}: ${msg.error}`));
        else pending.resolve(msg.result);
      });
    });
    this.ready.catch(() => {});
  }

  async call<T = unknown>(cmd: string, args?: unknown): Promise<T> {
    await this.ready;
    const id = this.#next++;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, {resolve: resolve as (v: unknown) => void, reject});
      this.process.send({id, cmd, args} satisfies Request);
    });
  }

  /** Asks the child to exit and waits (SIGKILL after `timeoutMs`). */
  async stop(timeoutMs = 15_000): Promise<void> {
    if (this.process.exitCode !== null || this.process.signalCode !== null) return;
    const exited = new Promise<void>(resolve => this.process.once('exit', () => resolve()));
    const timer = setTimeout(() => this.process.kill('SIGKILL'), timeoutMs);
    this.process.disconnect();
    await exited;
    clearTimeout(timer);
  }
}
