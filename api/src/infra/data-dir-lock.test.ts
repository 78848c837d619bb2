import {spawn} from 'node:child_process';
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {claimDataDir} from './data-dir-lock.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'chorus-claim-'));
});
afterEach(() => rm(dir, {recursive: true, force: true}));

describe('[OP2] one Chorus per data dir', () => {
  it('[OP2] a second claim while the first holds is refused, saying what to do', async () => {
    const claim = await claimDataDir(dir);
    await expect(claimDataDir(dir)).rejects.toThrow(/already running on .* \(pid \d+\)\. Stop it first/);
    await claim.release();
    const again = await claimDataDir(dir);
    await again.release();
  });

  it('[OP2] a claim left by a process that is gone is taken over', async () => {
    const child = spawn(process.execPath, ['-e', '0']);
    await new Promise(resolve => child.once('exit', resolve));
    await writeFile(path.join(dir, 'chorus.pid'), `${child.pid}\n`);
    const claim = await claimDataDir(dir);
    expect((await readFile(path.join(dir, 'chorus.pid'), 'utf8')).trim()).toBe(String(process.pid));
    await claim.release();
  });

  it('[OP2] a claim naming a live process that is not Node (a recycled pid) is taken over', async () => {
    const sleeper = spawn('sleep', ['30']);
    try {
      await writeFile(path.join(dir, 'chorus.pid'), `${sleeper.pid}\n`);
      const claim = await claimDataDir(dir);
      await claim.release();
    } finally {
      sleeper.kill();
    }
  });

  it('[OP2] two claims at the same moment: exactly one wins', async () => {
    const results = await Promise.allSettled([claimDataDir(dir), claimDataDir(dir)]);
    expect(results.filter(r => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'fulfilled') await r.value.release();
  });
});
