import {chmod, mkdtemp, rm, stat, writeFile, mkdir} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {makeDataDirPrivate} from './data-dir.ts';

const modeOf = async (file: string) => (await stat(file)).mode & 0o7777;
const asRoot = process.getuid?.() === 0;

let parent: string;
beforeEach(async () => {
  parent = await mkdtemp(path.join(tmpdir(), 'chorus-data-dir-'));
});
afterEach(() => rm(parent, {recursive: true, force: true}));

describe('[OP6] the data dir is private', () => {
  it('[OP6] a new data dir is created closed to others (as root, passable but not listable)', async () => {
    const dir = path.join(parent, 'a', 'data');
    await makeDataDirPrivate(dir, () => {});
    expect(await modeOf(dir)).toBe(asRoot ? 0o711 : 0o700);
  });

  it('[OP6] an existing open data dir and its top-level files are closed; subdirectories are left alone', async () => {
    const dir = path.join(parent, 'data');
    await mkdir(path.join(dir, 'pg'), {recursive: true});
    await chmod(dir, 0o755);
    await chmod(path.join(dir, 'pg'), 0o750);
    await writeFile(path.join(dir, 'zero-replica-chorus.db'), '', {mode: 0o644});
    await writeFile(path.join(dir, 'zero-replica-chorus.db-wal'), '', {mode: 0o664});
    await writeFile(path.join(dir, 'jwt-secret'), 'x', {mode: 0o600});
    const lines: string[] = [];
    await makeDataDirPrivate(dir, line => lines.push(line));
    expect(await modeOf(dir)).toBe(asRoot ? 0o711 : 0o700);
    expect(await modeOf(path.join(dir, 'zero-replica-chorus.db'))).toBe(0o600);
    expect(await modeOf(path.join(dir, 'zero-replica-chorus.db-wal'))).toBe(0o600);
    expect(await modeOf(path.join(dir, 'jwt-secret'))).toBe(0o600);
    expect(await modeOf(path.join(dir, 'pg'))).toBe(0o750);
    expect(lines).toEqual([]);
  });

  it('leaves a world-writable shared directory such as /tmp as it is, and says so', async () => {
    const dir = path.join(parent, 'shared');
    await mkdir(dir);
    await chmod(dir, 0o1777);
    await writeFile(path.join(dir, 'someone-elses'), '', {mode: 0o644});
    const lines: string[] = [];
    await makeDataDirPrivate(dir, line => lines.push(line));
    expect(await modeOf(dir)).toBe(0o1777);
    expect(await modeOf(path.join(dir, 'someone-elses'))).toBe(0o644);
    expect(lines).toEqual([expect.stringContaining('give Chorus a data directory of its own')]);
  });
});
