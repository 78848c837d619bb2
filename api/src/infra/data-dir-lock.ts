import {open, readFile, rm} from 'node:fs/promises';
import path from 'node:path';
import {readCommandLine} from '@chorus/sync-server';

const LOCK_FILE = 'chorus.pid';

/** A claim on a data dir, released when the stack stops. */
export type DataDirClaim = {release: () => Promise<void>};

/**
 * [OP2] Claims the data dir for this process, or refuses to start while
 * another Chorus runs on it. Without the claim, a second `npm start` on the
 * same data would take the first one's Postgres and zero-cache for strays
 * left by a crash (their pid files name live processes) and stop them.
 *
 * The claim is `chorus.pid`, created exclusively, so two starts at the same
 * moment cannot both win. A claim whose process is gone (a crash, SIGKILL) is
 * taken over; only then are strays stopped.
 */
export async function claimDataDir(dir: string): Promise<DataDirClaim> {
  const file = path.join(dir, LOCK_FILE);
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(file, 'wx', 0o600);
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      return {
        release: async () => {
          if ((await readPid(file)) === process.pid) await rm(file, {force: true});
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 2) throw err;
    }
    const owner = await readPid(file);
    if (owner !== undefined && (await isChorus(owner))) {
      throw new Error(
        `Chorus is already running on ${dir} (pid ${owner}). Stop it first, or give this one its own CHORUS_DATA_DIR.`,
      );
    }
    // The owner is gone: take the claim over.
    await rm(file, {force: true});
  }
}

/** Whether `pid` runs (a recycled pid of another program does not count: Chorus runs on Node). */
async function isChorus(pid: number): Promise<boolean> {
  if (pid === process.pid) return true;
  const commandLine = await readCommandLine(pid);
  if (commandLine === undefined) return false;
  // '*': no /proc to look in; '': someone else's process we may not inspect.
  return commandLine === '*' || commandLine === '' || commandLine.includes('node');
}

async function readPid(file: string): Promise<number | undefined> {
  try {
    const pid = Number((await readFile(file, 'utf8')).trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}
