import {existsSync, readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';

// [OP11] The images, checked without a Docker engine: what each Dockerfile
// copies from the build context exists and is not left out by .dockerignore,
// every stage runs the project's Node, dependencies come from the lockfile
// (npm ci), and the image runs as a user other than root.

const root = fileURLToPath(new URL('..', import.meta.url));
const read = (file: string) => readFileSync(`${root}/${file}`, 'utf8');

type Instruction = {op: string; args: string};

/** The Dockerfile's instructions, continuation lines joined, comments dropped. */
function instructions(file: string): Instruction[] {
  return read(file)
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map(line => line.trim())
    .filter(line => line && !line.startsWith('#'))
    .map(line => {
      const [op = '', ...rest] = line.split(/\s+/);
      return {op: op.toUpperCase(), args: rest.join(' ')};
    });
}

/** Each stage's instructions, by FROM. */
function stages(list: Instruction[]): Instruction[][] {
  const out: Instruction[][] = [];
  for (const instruction of list) {
    if (instruction.op === 'FROM') out.push([]);
    out.at(-1)?.push(instruction);
  }
  return out;
}

const dockerignore = read('.dockerignore')
  .split('\n')
  .map(line => line.trim())
  .filter(line => line && !line.startsWith('#'));
/** Whether .dockerignore leaves `path` out of the build context (the patterns it uses: `**` and plain paths). */
const ignored = (path: string) =>
  dockerignore.some(pattern => {
    const regex = new RegExp(
      `^${pattern
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*\*\//g, '(.*/)?')
        .replace(/\*/g, '[^/]*')}(/.*)?$`,
    );
    return regex.test(path.replace(/\/$/, ''));
  });

const nodeVersion = read('.nvmrc').trim();

describe.each(['deploy/api.Dockerfile', 'deploy/client.Dockerfile'])('[OP11] %s', file => {
  const list = instructions(file);
  const args = Object.fromEntries(
    list.filter(i => i.op === 'ARG' && i.args.includes('=')).map(i => i.args.split('=') as [string, string]),
  );
  const image = (from: string) =>
    from.split(/\s+/)[0]!.replace(/^\$\{(\w+)\}$/, (_, name: string) => args[name] ?? '');

  it(`builds on Node ${nodeVersion}, the version .nvmrc names, and installs with npm ci from the lockfile`, () => {
    const froms = list.filter(i => i.op === 'FROM').map(i => image(i.args));
    expect(froms[0]).toBe(`node:${nodeVersion}-bookworm-slim`);
    const runs = list.filter(i => i.op === 'RUN').map(i => i.args);
    expect(runs.some(r => /\bnpm ci\b/.test(r))).toBe(true);
    expect(runs.some(r => /\bnpm (install|i)\b/.test(r))).toBe(false);
  });

  it('is multi-stage, and its final stage runs as a user other than root', () => {
    const all = stages(list);
    expect(all.length).toBeGreaterThanOrEqual(2);
    const users = all
      .at(-1)!
      .filter(i => i.op === 'USER')
      .map(i => i.args);
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^(root|0)(:|$)/);
  });

  it('copies only paths that exist in the build context', () => {
    const copies = list.filter(i => i.op === 'COPY' && !i.args.includes('--from='));
    expect(copies.length).toBeGreaterThan(0);
    for (const copy of copies) {
      const parts = copy.args.split(/\s+/).filter(p => !p.startsWith('--'));
      for (const source of parts.slice(0, -1)) {
        expect(existsSync(`${root}/${source}`), `${file}: COPY ${source}`).toBe(true);
        expect(ignored(source), `${file}: ${source} is in .dockerignore`).toBe(false);
      }
    }
  });

  it('copies the manifest of every workspace before npm ci (the lockfile names them all)', () => {
    const pkg = JSON.parse(read('package.json')) as {workspaces: string[]};
    const firstInstall = list.findIndex(i => i.op === 'RUN' && /\bnpm ci\b/.test(i.args));
    const before = list
      .slice(0, firstInstall)
      .filter(i => i.op === 'COPY')
      .map(i => i.args);
    for (const workspace of pkg.workspaces) {
      expect(
        before.some(args => args.startsWith(`${workspace}/package.json`)),
        workspace,
      ).toBe(true);
    }
  });
});

describe('[OP11] the API image', () => {
  const list = instructions('deploy/api.Dockerfile');

  it('runs the API by default; the script it names exists, as does the worker’s', () => {
    const cmd = JSON.parse(list.filter(i => i.op === 'CMD').at(-1)!.args) as string[];
    expect(cmd[0]).toBe('node');
    expect(existsSync(`${root}/${cmd.at(-1)}`)).toBe(true);
    expect(existsSync(`${root}/api/src/worker.ts`)).toBe(true);
  });

  it('installs no dev dependencies and keeps no secret', () => {
    expect(list.some(i => i.op === 'RUN' && i.args.includes('npm ci --omit=dev'))).toBe(true);
    const env = list.filter(i => i.op === 'ENV' || i.op === 'ARG').map(i => i.args);
    expect(env.join(' ')).not.toMatch(/SECRET|PASSWORD|TOKEN|KEY/);
  });

  it('leaves node_modules and local data out of the build context', () => {
    expect(ignored('node_modules')).toBe(true);
    expect(ignored('api/node_modules')).toBe(true);
    expect(ignored('.data')).toBe(true);
    expect(ignored('api/src/main.ts')).toBe(false);
  });
});
