import {chmod, lstat, mkdir, readdir} from 'node:fs/promises';
import path from 'node:path';

/**
 * [OP6] Makes CHORUS_DATA_DIR private: it holds the JWT signing key,
 * zero-cache's admin password and replica (every synced row) and Postgres's
 * files. Creates it if needed.
 *
 * The directory becomes 0700, or 0711 when running as root: then the embedded
 * Postgres runs as the `postgres` user and must pass through it to `pg/`
 * (which initdb keeps 0700 and its own). Search without read lets it reach a
 * path it knows and lets no one list the directory. Call this after starting
 * the embedded Postgres, which as root adds read for others (see postgres.ts).
 *
 * Its top-level files become 0600: earlier versions left zero-cache's replica
 * 0644, readable by its well-known name through a 0711 directory. SQLite
 * gives a new `-wal` or `-shm` file the mode of its database, so fixing the
 * database before zero-cache opens it covers those too. Subdirectories (`pg/`)
 * belong to whoever made them and are left alone.
 */
export async function makeDataDirPrivate(dir: string, log: (line: string) => void): Promise<void> {
  const mode = process.getuid?.() === 0 ? 0o711 : 0o700;
  await mkdir(dir, {recursive: true, mode});
  if ((await lstat(dir)).mode & 0o1002) {
    // Such as /tmp: closing it, or its other users' files, would break them.
    log(`${dir} is shared with everyone (world-writable): give Chorus a data directory of its own`);
    return;
  }
  await restrict(dir, mode, log);
  for (const name of await readdir(dir)) {
    const file = path.join(dir, name);
    const stats = await lstat(file);
    if (stats.isFile()) await restrict(file, stats.mode & 0o700, log);
  }
}

async function restrict(file: string, mode: number, log: (line: string) => void): Promise<void> {
  const stats = await lstat(file);
  if ((stats.mode & 0o777) === mode) return;
  try {
    await chmod(file, mode);
  } catch (err) {
    // Someone else's file (a volume mounted with another owner): say so rather than refuse to start.
    log(
      `could not make ${file} private (chmod ${mode.toString(8)}: ${(err as Error).message}); do it yourself`,
    );
  }
}
