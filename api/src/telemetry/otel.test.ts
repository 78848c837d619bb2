import {createServer, type Server} from 'node:http';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {testDeps} from '../../../test/deps.ts';
import {createTestDatabase, type TestDatabase} from '../../../test/pg.ts';
import {createApp} from '../app.ts';
import {runJob, withOrigin} from '../jobs/observe.ts';
import {startTracing, type Tracing} from './tracing.ts';

// [OP13] With OTEL_EXPORTER_OTLP_ENDPOINT set, requests and jobs are spans
// sent over OTLP/HTTP: here to a real local HTTP receiver, as a collector
// would get them. A job is a child of the request that queued it.

type OtlpValue = {stringValue?: string; intValue?: string | number};
type OtlpSpan = {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: {key: string; value: OtlpValue}[];
};

let db: TestDatabase;
let collector: Server;
let endpoint = '';
let tracing: Tracing;
const batches: {
  resourceSpans: {
    resource: {attributes: {key: string; value: OtlpValue}[]};
    scopeSpans: {spans: OtlpSpan[]}[];
  }[];
}[] = [];

const spans = () => batches.flatMap(b => b.resourceSpans.flatMap(r => r.scopeSpans.flatMap(s => s.spans)));
const attribute = (span: OtlpSpan | undefined, key: string) => {
  const value = span?.attributes.find(a => a.key === key)?.value;
  return value?.stringValue ?? (value?.intValue === undefined ? undefined : Number(value.intValue));
};

beforeAll(async () => {
  db = await createTestDatabase();
  collector = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.url === '/v1/traces') batches.push(JSON.parse(Buffer.concat(chunks).toString()));
      res.writeHead(200, {'content-type': 'application/json'}).end('{}');
    });
  });
  await new Promise<void>(resolve => collector.listen(0, '127.0.0.1', resolve));
  const address = collector.address();
  endpoint = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  tracing = (await startTracing({OTEL_EXPORTER_OTLP_ENDPOINT: endpoint}, 'chorus-test'))!;
});
afterAll(async () => {
  await tracing?.shutdown();
  await db.drop();
  await new Promise(resolve => collector.close(resolve));
});

describe('[OP13] OpenTelemetry', () => {
  it('is off, and loads nothing, without OTEL_EXPORTER_OTLP_ENDPOINT', async () => {
    expect(await startTracing({}, 'chorus-api')).toBeUndefined();
  });

  it('makes each request a server span named by its route, a child of the caller’s traceparent', async () => {
    const app = createApp(testDeps(db.pool, {tracing}));
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const res = await app.request('/healthz', {
      headers: {traceparent: `00-${traceId}-00f067aa0ba902b7-01`, 'x-request-id': 'traced-1'},
    });
    expect(res.status).toBe(200);
    await tracing.flush();
    const span = spans().find(s => attribute(s, 'chorus.request_id') === 'traced-1');
    expect(span?.name).toBe('GET /healthz');
    expect(span?.traceId).toBe(traceId);
    expect(span?.parentSpanId).toBe('00f067aa0ba902b7');
    expect(span?.kind).toBe(2); // SERVER
    expect(attribute(span, 'http.route')).toBe('/healthz');
    expect(attribute(span, 'http.response.status_code')).toBe(200);
    const resource = batches.at(-1)?.resourceSpans[0]?.resource.attributes;
    expect(resource?.find(a => a.key === 'service.name')?.value.stringValue).toBe('chorus-test');
  });

  it('makes each job a consumer span in the trace of the request that queued it', async () => {
    let data: object = {};
    await tracing.span('POST /api/v1/messages', {kind: 'server'}, async () => {
      data = withOrigin({deliveryID: 'd1'}, tracing);
    });
    await runJob({tracing}, 'agent.webhook', {id: 'job-1', data}, async () => 'done');
    await tracing.flush();
    const request = spans().find(s => s.name === 'POST /api/v1/messages');
    const job = spans().find(s => s.name === 'job agent.webhook');
    expect(job?.traceId).toBe(request?.traceId);
    expect(job?.parentSpanId).toBe(request?.spanId);
    expect(job?.kind).toBe(5); // CONSUMER
    expect(attribute(job, 'messaging.message.id')).toBe('job-1');
  });
});
