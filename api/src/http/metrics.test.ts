import {describe, expect, it} from 'vitest';
import {createApp} from '../app.ts';
import {LiveSocket} from '../../../test/live-socket.ts';
import {restHarness} from '../../../test/rest-harness.ts';

// [OP8] /metrics: the series operators scrape, labelled by route pattern.

const h = restHarness({live: true});

describe('[OP8] /metrics', () => {
  it('exposes requests by route and status, latency, jobs, webhook deliveries and live sockets', async () => {
    const {member, server} = await h.community();
    await h.call(member, 'GET', `/messages/room/${server.generalRoomID}`);
    await h.call(member, 'GET', `/messages/room/${server.generalRoomID}`);
    const socket = await LiveSocket.connect(h.liveURL, member.token);
    const res = await h.app.request('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toMatch(
      /chorus_http_requests_total\{method="GET",route="\/api\/v1\/messages\/room\/:roomId",status="200"\} 2/,
    );
    // Never the raw path: ids would make a series per room.
    expect(text).not.toContain(server.generalRoomID);
    expect(text).toMatch(
      /chorus_http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/api\/v1\/messages\/room\/:roomId"\}/,
    );
    expect(text).toMatch(/chorus_webhook_deliveries\{status="failed"\} 0/);
    expect(text).toContain('# TYPE chorus_jobs gauge');
    expect(text).toMatch(/chorus_live_connections [1-9]/);
    expect(text).toContain('process_cpu_user_seconds_total');
    socket.close();
  });

  it('asks for the token when METRICS_TOKEN is set', async () => {
    const guarded = createApp({...h.deps, metricsToken: 'a-long-metrics-token'});
    expect((await guarded.request('/metrics')).status).toBe(401);
    const ok = await guarded.request('/metrics', {headers: {authorization: 'Bearer a-long-metrics-token'}});
    expect(ok.status).toBe(200);
  });
});
