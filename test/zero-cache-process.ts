import {readdir, readFile} from 'node:fs/promises';
import path from 'node:path';

/** zero-cache's process and every process under it (its workers), from the stack's data dir. */
export async function zeroCacheTree(dataDir: string): Promise<number[]> {
  const root = Number((await readFile(path.join(dataDir, 'zero-cache.pid'), 'utf8')).trim());
  const parents = new Map<number, number>();
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => '');
    if (stat) parents.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) {
    for (const [pid, parent] of parents) if (parent === tree[i] && !tree.includes(pid)) tree.push(pid);
  }
  return tree;
}

/**
 * Sends a signal to each process: SIGSTOP holds zero-cache back (its sockets
 * hang, as a frozen or unreachable sync server's would), SIGCONT lets it go.
 */
export function signalAll(pids: readonly number[], sig: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, sig);
    } catch {
      // gone
    }
  }
}
