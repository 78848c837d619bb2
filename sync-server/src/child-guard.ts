/**
 * Preloaded into zero-cache (`node --import`) by `startZeroCache`, in its
 * main process and in every worker it forks (they inherit `execArgv`). It adds
 * guards zero-cache 1.9 has no setting for.
 *
 * 1. zero-cache's HTTP services listen on `::`, every interface, and serve
 *    `/statz`, `/heapz` and the sync socket there. With
 *    `CHORUS_ZERO_LISTEN_HOST` set, every TCP listen is bound to that host
 *    instead (127.0.0.1 in the embedded default, where the API's `/zero` proxy
 *    is the only way in).
 * 2. With `CHORUS_ZERO_NICE` set, the main process lowers its CPU priority
 *    before it forks its workers, so they inherit it: on a machine shared
 *    with the API, requests and the live fast lane go first and replica
 *    catch-up takes the CPU that is left (issue 17).
 * 3. A process whose parent dies stops itself. Killing the API with SIGKILL
 *    used to leave zero-cache running, holding its port and the replication
 *    slot, and the next start failed. Its workers are forked `detached`, in
 *    their own process groups, so a signal to the group does not reach them
 *    either: each process watches its own parent instead.
 */
import net from 'node:net';
import os from 'node:os';
import {isMainThread} from 'node:worker_threads';

// Its replica files hold every replicated row: readable by their owner only.
// (The preload also runs in worker threads, which cannot set the umask.)
if (isMainThread) process.umask(0o077);

const listenHost = process.env.CHORUS_ZERO_LISTEN_HOST;
if (listenHost) {
  const listen = net.Server.prototype.listen;
  net.Server.prototype.listen = function (this: net.Server, ...args: unknown[]) {
    const [first, second] = args;
    if (first && typeof first === 'object' && 'port' in first && !('path' in first)) {
      // listen({port, host, …})
      args[0] = {...first, host: listenHost};
    } else if (typeof first === 'number') {
      // listen(port[, host][, backlog][, callback])
      if (typeof second === 'string') args[1] = listenHost;
      else args.splice(1, 0, listenHost);
    }
    return listen.apply(this, args as Parameters<typeof listen>);
  } as typeof listen;
}

const nice = Number(process.env.CHORUS_ZERO_NICE);
if (isMainThread && Number.isInteger(nice) && nice > 0 && os.getPriority() < nice) {
  try {
    os.setPriority(nice);
  } catch {
    // Not permitted here (a container without the capability): run as is.
  }
}

if (isMainThread) {
  const parentPID = process.ppid;
  const watch = setInterval(() => {
    // Orphans are adopted by init or a subreaper: a new parent id means ours died.
    if (process.ppid === parentPID) return;
    clearInterval(watch);
    process.kill(process.pid, 'SIGTERM');
    // zero-cache drains on SIGTERM; with its parent gone that can wait forever.
    setTimeout(() => process.exit(1), 5_000).unref();
  }, 1_000);
  watch.unref();
}
