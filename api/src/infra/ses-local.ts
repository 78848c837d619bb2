import type {Server} from 'node:http';

/**
 * Starts aws-ses-v2-local, the stand-in for Amazon SES: it accepts SES API
 * calls, shows an inbox at `/` and lists every mail as JSON at `/store`.
 */
export async function startLocalSes(
  port: number,
  host = '127.0.0.1',
): Promise<{url: string; server: Server}> {
  // A CommonJS module whose default export is itself under `default`.
  const mod = (await import('aws-ses-v2-local')) as unknown as {
    default: ((config: {port: number; host: string}) => Promise<Server>) & {
      default?: (config: {port: number; host: string}) => Promise<Server>;
    };
  };
  const start = mod.default.default ?? mod.default;
  const server = await start({port, host});
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {url: `http://${host}:${actualPort}`, server};
}
