import {readFile, rm} from 'node:fs/promises';

/**
 * Stops a process left running by an earlier start that died without
 * stopping its children (SIGKILL, a power cut in the middle of shutdown), as
 * recorded in `pidFile` (first line: the pid). The pid is checked against the
 * process's command line first, so a recycled pid of some unrelated program
 * is never signalled. SIGTERM, then SIGKILL after `graceMs`.
 *
 * Returns whether a stray process was found.
 */
export async function stopStrayProcess(
  pidFile: string,
  what: string,
  isOurs: (commandLine: string) => boolean,
  options: {signal?: NodeJS.Signals; graceMs?: number; log?: (line: string) => void} = {},
): Promise<boolean> {
  const pid = await readPid(pidFile);
  if (!pid || pid === process.pid) return false;
  const commandLine = await readCommandLine(pid);
  if (commandLine === undefined || (commandLine !== '*' && !isOurs(commandLine))) {
    await rm(pidFile, {force: true});
    return false;
  }
  (options.log ?? console.warn)(`stopping a stray ${what} (pid ${pid}) left by an earlier run`);
  try {
    process.kill(pid, options.signal ?? 'SIGTERM');
  } catch {
    return false;
  }
  if (!(await exited(pid, options.graceMs ?? 10_000))) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
    await exited(pid, 5_000);
  }
  return true;
}

async function readPid(pidFile: string): Promise<number | undefined> {
  try {
    const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]?.trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** The process's command line (arguments joined by spaces), or undefined if it is not running. */
export async function readCommandLine(pid: number): Promise<string | undefined> {
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: alive but not ours to signal (another user's process); treat as foreign.
    return (err as NodeJS.ErrnoException).code === 'EPERM' ? '' : undefined;
  }
  try {
    return (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0').join(' ').trim();
  } catch {
    // No /proc (macOS): trust the pid file, which only our own runs write.
    return '*';
  }
}

/** Whether `pid` is running (a zombie counts as gone). */
export async function isRunning(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

async function exited(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!(await isRunning(pid))) return true;
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  return !(await isRunning(pid));
}
