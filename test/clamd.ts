import {spawn, type ChildProcess} from 'node:child_process';
import {existsSync} from 'node:fs';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {clamdPing} from '@chorus/api/files/clamd';
import {freePort} from './ports.ts';

/**
 * The EICAR test file: harmless, and by agreement every scanner reports it.
 * Kept in two halves so this source file is not itself flagged.
 */
export const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-' + 'ANTIVIRUS-TEST-FILE!$H+H*';

/** Debian's `clamav-daemon` puts clamd here; another install may have it on the PATH. */
export const CLAMD = [
  '/usr/sbin/clamd',
  '/usr/local/sbin/clamd',
  ...(process.env.PATH ?? '').split(':').map(dir => path.join(dir, 'clamd')),
].find(file => existsSync(file));

export const CLAMD_MISSING =
  'clamd is not installed, so the virus scan against a real ClamAV daemon is skipped (Debian: apt-get install clamav-daemon).';

/**
 * A real clamd on a free loopback port, in the foreground, with a signature
 * database of its own: the EICAR string as an `.ndb` body signature (no
 * network here for freshclam's databases, and none needed). Loads in about a
 * second; `stop()` ends it and removes its directory.
 */
export async function startClamd(): Promise<{host: string; port: number; stop: () => Promise<void>}> {
  if (!CLAMD) throw new Error(CLAMD_MISSING);
  const dir = await mkdtemp(path.join(tmpdir(), 'chorus-clamd-'));
  const port = await freePort();
  const hex = Buffer.from(EICAR).toString('hex');
  await writeFile(path.join(dir, 'chorus-test.ndb'), `Chorus.Test.EICAR:0:*:${hex}\n`);
  const config = path.join(dir, 'clamd.conf');
  await writeFile(
    config,
    [
      'Foreground yes',
      `DatabaseDirectory ${dir}`,
      `TCPSocket ${port}`,
      'TCPAddr 127.0.0.1',
      `LogFile ${path.join(dir, 'clamd.log')}`,
      `PidFile ${path.join(dir, 'clamd.pid')}`,
      // A small limit, so the test of a refused large stream stays small.
      'StreamMaxLength 1M',
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(CLAMD, ['-c', config], {stdio: ['ignore', 'ignore', 'pipe']});
  let stderr = '';
  child.stderr?.on('data', chunk => (stderr += String(chunk)));
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise(resolve => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await rm(dir, {recursive: true, force: true});
  };
  const deadline = Date.now() + 30_000;
  while (!(await clamdPing({host: '127.0.0.1', port, timeoutMs: 1000}))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`clamd did not start: ${stderr.trim() || `exit ${child.exitCode}`}`);
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  return {host: '127.0.0.1', port, stop};
}
