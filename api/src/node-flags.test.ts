import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {API_NODE_FLAGS} from './node-flags.ts';

const root = new URL('../../', import.meta.url);
const read = (file: string) => readFileSync(new URL(file, root), 'utf8');

describe('the API process flags', () => {
  it('are the same wherever the API is started', () => {
    const starts = [
      JSON.parse(read('package.json')).scripts.start as string,
      JSON.parse(read('api/package.json')).scripts.start as string,
      // The image's CMD, an exec-form JSON array, as the command line it runs.
      (
        JSON.parse(
          read('deploy/api.Dockerfile')
            .split('\n')
            .find(line => line.startsWith('CMD ') && line.includes('api/src/main.ts'))!
            .slice('CMD '.length),
        ) as string[]
      ).join(' '),
    ];
    for (const start of starts) {
      for (const flag of API_NODE_FLAGS) expect(start, start).toContain(`node ${flag}`);
    }
  });
});
