import {readdirSync, readFileSync} from 'node:fs';
import {round} from './stats.ts';

/**
 * Memory and CPU of process trees from /proc (Linux): zero-cache forks
 * replicator and sync workers, Postgres forks a backend per connection, so a
 * process's cost is the sum over its descendants.
 */

const CLOCK_TICKS = 100; // USER_HZ on Linux

type Stat = {pid: number; ppid: number; cpuSeconds: number};

function readStat(pid: number): Stat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may contain spaces and parentheses: fields start after the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const ppid = Number(fields[1]);
    // utime, stime, and cutime, cstime: the time of children already exited and
    // reaped (Postgres backends come and go), so a tree's sum never drops.
    const [utime, stime, cutime, cstime] = [11, 12, 13, 14].map(i => Number(fields[i]));
    return {pid, ppid, cpuSeconds: (utime! + stime! + cutime! + cstime!) / CLOCK_TICKS};
  } catch {
    return undefined;
  }
}

function rssKB(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

// Proportional set size: shared pages (Postgres's shared buffers, forked
// workers' common pages) divided among the processes that map them, so a
// tree's PSS sum does not count them many times over as its RSS sum does.
function pssKB(pid: number): number {
  try {
    const match = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** `root` and every process below it. */
export function processTree(root: number): number[] {
  const stats: Stat[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readStat(Number(name));
    if (stat) stats.push(stat);
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) {
    for (const s of stats) if (s.ppid === tree[i]) tree.push(s.pid);
  }
  return tree;
}

export type TreeUsage = {processes: number; rssMB: number; pssMB: number; cpuSeconds: number};

const mb = (kb: number) => Math.round(kb / 102.4) / 10;

/** Memory (VmRSS and PSS, MB) and CPU time (s, user + system) summed over `pids`. */
export function usage(pids: readonly number[]): TreeUsage {
  let rss = 0;
  let pss = 0;
  let cpu = 0;
  for (const pid of pids) {
    rss += rssKB(pid);
    pss += pssKB(pid);
    cpu += readStat(pid)?.cpuSeconds ?? 0;
  }
  return {processes: pids.length, rssMB: mb(rss), pssMB: mb(pss), cpuSeconds: Math.round(cpu * 100) / 100};
}

/** CPU seconds each tree used between two readings of `{api, zeroCache, postgres, load}`. */
export const cpuDelta = (a: Record<string, TreeUsage>, b: Record<string, TreeUsage>) => ({
  api: round(b.api!.cpuSeconds - a.api!.cpuSeconds),
  zeroCache: round(b.zeroCache!.cpuSeconds - a.zeroCache!.cpuSeconds),
  postgres: round(b.postgres!.cpuSeconds - a.postgres!.cpuSeconds),
  loadGenerators: round(b.load!.cpuSeconds - a.load!.cpuSeconds),
});
