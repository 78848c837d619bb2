import {spawn} from 'node:child_process';
import {startStack} from '../stack.ts';

/**
 * `npm start`: the whole app on embedded defaults at one URL.
 * `npm run dev`: the same, with Vite's dev server for the client.
 */
const dev = process.argv.includes('--dev');
const stack = await startStack({serveClient: !dev, logFormat: 'pretty'}).catch((err: Error) => {
  // A start that cannot happen (bad configuration, data dir in use) says why, without a stack trace.
  console.error(`\nChorus did not start: ${err.message}`);
  process.exit(1);
});

let vite: ReturnType<typeof spawn> | undefined;
if (dev) {
  vite = spawn('npm', ['run', 'dev', '-w', '@chorus/client'], {
    stdio: 'inherit',
    env: {...process.env, CHORUS_API_URL: `http://127.0.0.1:${stack.env.PORT}`},
  });
}

console.log(`
  Chorus is running:  ${dev ? 'http://localhost:5173 (Vite)' : stack.url}
  Local mail inbox:   ${stack.sesURL}   (verification links are also printed here)
  Press Ctrl-C to stop.
`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping Chorus …');
    vite?.kill('SIGTERM');
    await stack.stop();
    process.exit(0);
  });
}
