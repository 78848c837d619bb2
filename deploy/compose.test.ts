import {spawnSync} from 'node:child_process';
import {existsSync, readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {parseEnv} from '@chorus/api/config';
import {describe, expect, it} from 'vitest';
import {parse} from 'yaml';

// [OP11] docker-compose.yml is the production topology on one host, checked
// by Debian's `docker-compose config` (no Docker engine is needed for that).

const root = fileURLToPath(new URL('..', import.meta.url));
const installed = spawnSync('docker-compose', ['version'], {stdio: 'ignore'}).status === 0;
const skipped = installed
  ? ''
  : ' (SKIPPED: docker-compose is not installed; `apt-get install docker-compose`, as .ci/run does)';
if (!installed) console.warn(`docker-compose.yml not checked${skipped}`);

const SECRETS = {
  POSTGRES_PASSWORD: 'a'.repeat(64),
  JWT_SECRET: 'b'.repeat(64),
  ZERO_ADMIN_PASSWORD: 'c'.repeat(32),
  S3_SECRET_ACCESS_KEY: 'd'.repeat(64),
};

type Service = {
  image?: string;
  build?: {context: string; dockerfile: string};
  command?: string[];
  environment?: Record<string, string>;
  healthcheck?: {test: string[]};
  ports?: (string | {published: string | number; host_ip?: string})[];
  volumes?: (string | {type: string; source: string})[];
  depends_on?: Record<string, {condition: string}>;
};

/** `docker-compose config` with only `env` (never the caller's shell: its secrets would hide a missing one). */
function composeConfig(env: Record<string, string>) {
  const result = spawnSync('docker-compose', ['-f', 'docker-compose.yml', 'config'], {
    cwd: root,
    env: {PATH: process.env.PATH ?? '/usr/bin:/bin', ...env},
    encoding: 'utf8',
  });
  return {status: result.status, stdout: result.stdout, stderr: result.stderr};
}

describe.skipIf(!installed)(`[OP11] docker-compose.yml${skipped}`, () => {
  let parsed: {services: Record<string, Service>} | undefined;
  const config = () => {
    if (parsed) return parsed;
    const result = composeConfig(SECRETS);
    expect(result.stderr).not.toMatch(/not set|ERROR/);
    expect(result.status).toBe(0);
    return (parsed = parse(result.stdout) as {services: Record<string, Service>});
  };

  it('passes docker-compose config', () => {
    expect(Object.keys(config().services).length).toBeGreaterThan(0);
  });

  it.each(Object.keys(SECRETS))('refuses to start without %s: no secret has a default', name => {
    const {[name as keyof typeof SECRETS]: _, ...rest} = SECRETS;
    const result = composeConfig(rest);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(`set ${name}`);
  });

  it('runs Postgres with logical replication and a CVR database of its own', () => {
    const {services} = config();
    expect(services.postgres?.command?.join(' ')).toContain('wal_level=logical');
    const init = services.postgres?.volumes?.find(v =>
      JSON.stringify(v).includes('docker-entrypoint-initdb.d'),
    );
    expect(JSON.stringify(init)).toContain('deploy/postgres-init.sql');
    for (const zero of zeroServices(services)) {
      expect(zero.environment?.ZERO_CVR_DB).toMatch(/\/chorus_zero_cvr$/);
    }
  });

  it('runs zero-cache as one replication-manager with a litestream backup and two view-syncers following it', () => {
    const {services} = config();
    const lock = JSON.parse(readFileSync(`${root}/package-lock.json`, 'utf8')) as {
      packages: Record<string, {version: string}>;
    };
    const zeroVersion = lock.packages['node_modules/@rocicorp/zero']?.version;
    const zero = zeroServices(services);
    for (const service of zero) expect(service.image).toBe(`rocicorp/zero:${zeroVersion}`);

    const managers = Object.entries(services).filter(([, s]) => s.environment?.ZERO_NUM_SYNC_WORKERS === '0');
    expect(managers.map(([name]) => name)).toEqual(['replication-manager']);
    const manager = managers[0]![1].environment!;
    expect(manager.ZERO_LITESTREAM_BACKUP_URL).toMatch(/^s3:\/\/[a-z0-9-]+\//);
    expect(manager.ZERO_CHANGE_STREAMER_URI).toBeUndefined();

    const syncers = zero.filter(s => s.environment?.ZERO_NUM_SYNC_WORKERS !== '0');
    expect(syncers).toHaveLength(2);
    for (const syncer of syncers) {
      // The replication-manager's change-streamer: its port (4848) + 1.
      expect(syncer.environment?.ZERO_CHANGE_STREAMER_URI).toBe('http://replication-manager:4849');
      expect(syncer.depends_on?.['replication-manager']?.condition).toBe('service_healthy');
    }
    // What every zero-cache must agree on.
    for (const name of [
      'ZERO_APP_ID',
      'ZERO_APP_PUBLICATIONS',
      'ZERO_ADMIN_PASSWORD',
      'ZERO_UPSTREAM_DB',
      'ZERO_CVR_DB',
      'ZERO_QUERY_URL',
      'ZERO_MUTATE_URL',
      'ZERO_LITESTREAM_ENDPOINT',
    ]) {
      const values = new Set(zero.map(s => s.environment?.[name]));
      expect(values.size, name).toBe(1);
      expect([...values][0], name).toBeTruthy();
    }
    expect(manager.ZERO_ADMIN_PASSWORD).toBe(SECRETS.ZERO_ADMIN_PASSWORD);
    expect(manager.ZERO_APP_PUBLICATIONS).toBe('chorus_zero');
  });

  it('runs two API processes behind the proxy, each on its own view-syncer, and a separate worker', () => {
    const {services} = config();
    const apis = Object.entries(services).filter(([name]) => /^api-\d$/.test(name));
    expect(apis.map(([name]) => name)).toEqual(['api-1', 'api-2']);
    const caddyfile = readFileSync(`${root}/deploy/Caddyfile`, 'utf8');
    const hosts = new Set<string>();
    for (const [name, api] of apis) {
      expect(api.build?.dockerfile).toBe('deploy/api.Dockerfile');
      expect(api.environment?.CHORUS_WORKERS).toBe('off');
      expect(api.environment?.JWT_SECRET).toBe(SECRETS.JWT_SECRET);
      expect(caddyfile).toContain(`${name}:3000`);
      hosts.add(api.environment!.ZERO_HOST!);
      expect(services[api.environment!.ZERO_HOST!]?.environment?.ZERO_CHANGE_STREAMER_URI).toBeTruthy();
    }
    expect(hosts.size).toBe(2);

    const worker = services.worker!;
    expect(worker.image).toBe(apis[0]![1].image);
    expect(worker.command).toEqual(['node', 'api/src/worker.ts']);
    expect(services.proxy?.volumes?.map(v => JSON.stringify(v)).join()).toContain('deploy/Caddyfile');
  });

  it("gives the API and the worker only settings the API's own validation accepts", () => {
    const {services} = config();
    for (const name of ['api-1', 'api-2', 'worker']) {
      const env = services[name]!.environment!;
      const parsed = parseEnv(env);
      // Every variable set is one Chorus reads (a typo would be ignored silently).
      const unread = Object.keys(env).filter(key => env[key] !== '' && !(key in parsed));
      expect(unread, name).toEqual([]);
      expect(parsed.NODE_ENV).toBe('production');
      expect(parsed.DATABASE_URL).toContain('@postgres:5432/chorus');
    }
  });

  it('has a health check on every service that keeps running', () => {
    const {services} = config();
    const oneShot = ['s3-buckets'];
    for (const [name, service] of Object.entries(services)) {
      if (oneShot.includes(name)) continue;
      expect(service.healthcheck?.test, name).toBeDefined();
    }
  });

  it('publishes only the proxy to the network; the local stand-ins to loopback; nothing else', () => {
    const {services} = config();
    for (const [name, service] of Object.entries(services)) {
      for (const port of service.ports ?? []) {
        const text = typeof port === 'string' ? port : `${port.host_ip ?? ''}:${port.published}`;
        if (name !== 'proxy') expect(text, name).toMatch(/^127\.0\.0\.1:/);
      }
    }
    for (const name of ['postgres', 'api-1', 'api-2', 'worker', 'replication-manager']) {
      expect(services[name]?.ports ?? [], name).toEqual([]);
    }
  });

  it('mounts only files that exist in the repository', () => {
    const {services} = config();
    for (const service of Object.values(services)) {
      for (const volume of service.volumes ?? []) {
        const source = typeof volume === 'string' ? volume.split(':')[0]! : volume.source;
        if (source.startsWith('/')) expect(existsSync(source), source).toBe(true);
      }
      if (service.build)
        expect(existsSync(`${service.build.context}/${service.build.dockerfile}`)).toBe(true);
    }
  });
});

const zeroServices = (services: Record<string, Service>) =>
  Object.values(services).filter(s => s.image?.startsWith('rocicorp/zero:'));
