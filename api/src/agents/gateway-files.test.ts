import {randomUUID} from 'node:crypto';
import {beforeAll, describe, expect, it} from 'vitest';
import {localS3} from '../../../test/local-s3.ts';
import {replyOf, restHarness, type Who} from '../../../test/rest-harness.ts';

// [AG5] Agents share files through the gateway with the `files:write` scope,
// by the very rules, limits and quota people upload under (FL1–FL4).

const h = restHarness();
localS3(h);
beforeAll(() => {
  h.deps.fileLimits = {maxBytes: 1024 * 1024, perMessage: 2, dailyBytes: 3 * 1024 * 1024};
});

async function gateway(key: string, method: string, path: string, body?: unknown) {
  const res = await h.app.request(`/api/agent/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : {'content-type': 'application/json'}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return res.status === 302 ? {...(await replyOf(res)), location: res.headers.get('location')} : replyOf(res);
}

async function agentIn(owner: Who, serverID: string, scopes: string[]) {
  const res = await h.call(owner, 'POST', '/agents', {
    name: `files${Math.random().toString(36).slice(2, 9)}`,
    scopes,
  });
  expect(res.status, JSON.stringify(res.json)).toBe(201);
  await h.call(owner, 'POST', `/servers/${serverID}/agents`, {agentId: res.json.id});
  return res.json as {id: string; apiKey: string};
}

const request = (roomId: string, body: string, extra: Record<string, unknown> = {}) => ({
  fileName: 'report.txt',
  fileSize: Buffer.byteLength(body),
  mimeType: 'text/plain',
  roomId,
  ...extra,
});

describe('[AG5][FL1]–[FL4] files through the agent gateway', () => {
  it('an agent with files:write attaches a file to its own message; readers download it, by either door', async () => {
    const {owner, member, server} = await h.community();
    const agent = await agentIn(owner, server.id, ['messages:read', 'messages:write', 'files:write']);
    const room = server.generalRoomID;
    const message = await gateway(agent.apiKey, 'POST', '/messages', {roomId: room, content: 'the report'});
    expect(message.status).toBe(201);

    const asked = await gateway(agent.apiKey, 'POST', '/files/upload/request', request(room, 'all good'));
    expect(asked.status, JSON.stringify(asked.json)).toBe(201);
    expect(asked.json).toMatchObject({method: 'PUT', headers: {'content-type': 'text/plain'}});
    const put = await fetch(asked.json.url, {method: 'PUT', headers: asked.json.headers, body: 'all good'});
    expect(put.status).toBe(200);
    const done = await gateway(agent.apiKey, 'POST', '/files/upload/complete', {
      uploadId: asked.json.uploadId,
      messageId: message.json.id,
    });
    expect(done.status, JSON.stringify(done.json)).toBe(200);
    expect(done.json).toMatchObject({
      id: asked.json.uploadId,
      messageId: message.json.id,
      status: 'ready',
      downloadUrl: `/api/agent/v1/files/${asked.json.uploadId}/download`,
    });

    const byAgent = await gateway(agent.apiKey, 'GET', `/files/${asked.json.uploadId}/download`);
    expect(byAgent.status).toBe(302);
    expect(await (await fetch((byAgent as {location: string}).location)).text()).toBe('all good');
    const byPerson = await h.app.request(`/api/v1/files/${asked.json.uploadId}/download`, {
      headers: {authorization: `Bearer ${member.token}`},
    });
    expect(byPerson.status).toBe(302);

    // [AG7] Audited with the room.
    const {rows} = await h.pool.query(
      `SELECT action, room_id, outcome FROM ai_agent_logs WHERE agent_id = $1 AND action LIKE 'file.%'`,
      [agent.id],
    );
    expect(rows).toHaveLength(3);
    expect(rows).toEqual(
      expect.arrayContaining([
        {action: 'file.request', room_id: room, outcome: 'ok'},
        {action: 'file.complete', room_id: room, outcome: 'ok'},
        {action: 'file.download', room_id: null, outcome: 'ok'},
      ]),
    );
  });

  it('holds the people’s rules: size, type, place, its own message, files per message, the daily quota', async () => {
    const {owner, server} = await h.community();
    const agent = await agentIn(owner, server.id, ['messages:write', 'files:write']);
    const room = server.generalRoomID;
    h.expectProblem(
      await gateway(agent.apiKey, 'POST', '/files/upload/request', {
        ...request(room, ''),
        fileSize: 2 * 1024 * 1024,
      }),
      413,
      'fileSize',
    );
    h.expectProblem(
      await gateway(agent.apiKey, 'POST', '/files/upload/request', {
        ...request(room, 'x'),
        fileName: 'run.exe',
        mimeType: 'application/x-msdownload',
      }),
      415,
      'mimeType',
    );
    // A private room it was not added to is as good as missing.
    const staff = await h.privateRoom(owner, server.id);
    h.expectProblem(await gateway(agent.apiKey, 'POST', '/files/upload/request', request(staff, 'x')), 404);
    h.expectProblem(await gateway(agent.apiKey, 'POST', '/files/upload/request', request(room, '')), 400);

    // Someone else's message is not its to attach to.
    const theirs = await h.call(owner, 'POST', '/messages', {
      id: randomUUID(),
      roomId: room,
      content: 'mine',
    });
    const asked = await gateway(agent.apiKey, 'POST', '/files/upload/request', request(room, 'note'));
    await fetch(asked.json.url, {method: 'PUT', headers: asked.json.headers, body: 'note'});
    h.expectProblem(
      await gateway(agent.apiKey, 'POST', '/files/upload/complete', {
        uploadId: asked.json.uploadId,
        messageId: theirs.json.id,
      }),
      404,
      'messageId',
    );
    // Nor is an upload of someone else's.
    const own = await gateway(agent.apiKey, 'POST', '/messages', {roomId: room, content: 'files'});
    const people = await h.call(owner, 'POST', '/files/upload/request', request(room, 'p'));
    h.expectProblem(
      await gateway(agent.apiKey, 'POST', '/files/upload/complete', {
        uploadId: people.json.uploadId,
        messageId: own.json.id,
      }),
      404,
      'uploadId',
    );
    // At most perMessage (2) files on a message.
    for (let i = 0; i < 3; i++) {
      const next = await gateway(agent.apiKey, 'POST', '/files/upload/request', request(room, 'note'));
      await fetch(next.json.url, {method: 'PUT', headers: next.json.headers, body: 'note'});
      const done = await gateway(agent.apiKey, 'POST', '/files/upload/complete', {
        uploadId: next.json.uploadId,
        messageId: own.json.id,
      });
      if (i < 2) expect(done.status).toBe(200);
      else h.expectProblem(done, 409, 'messageId');
    }
    // The daily quota (3 MB here) counts an agent's uploads as a person's.
    const chunk = {...request(room, ''), fileSize: 1024 * 1024, fileName: 'chunk.bin'};
    for (let i = 0; i < 2; i++) {
      expect((await gateway(agent.apiKey, 'POST', '/files/upload/request', chunk)).status).toBe(201);
    }
    const over = await gateway(agent.apiKey, 'POST', '/files/upload/request', chunk);
    h.expectProblem(over, 429);
    expect(over.headers.get('retry-after')).toBe('3600');
  });

  it('[AG5] without files:write an upload is FORBIDDEN naming the scope; without messages:read, a download', async () => {
    const {owner, server} = await h.community();
    const room = server.generalRoomID;
    const writer = await agentIn(owner, server.id, ['messages:write']);
    for (const [path, body] of [
      ['/files/upload/request', request(room, 'x')],
      ['/files/upload/complete', {uploadId: randomUUID(), messageId: randomUUID()}],
    ] as const) {
      const denied = await gateway(writer.apiKey, 'POST', path, body);
      h.expectProblem(denied, 403, 'scope');
      expect(denied.json.detail).toContain('files:write');
    }
    const noRead = await gateway(writer.apiKey, 'GET', `/files/${randomUUID()}/download`);
    h.expectProblem(noRead, 403, 'scope');
    expect(noRead.json.detail).toContain('messages:read');
    const {rows} = await h.pool.query(`SELECT count(*)::int AS n FROM files WHERE uploader_id = $1`, [
      writer.id,
    ]);
    expect(rows[0].n).toBe(0);
    const {rows: logged} = await h.pool.query(
      `SELECT outcome, status FROM ai_agent_logs WHERE agent_id = $1`,
      [writer.id],
    );
    expect(logged).toEqual([
      {outcome: 'denied', status: 403},
      {outcome: 'denied', status: 403},
      {outcome: 'denied', status: 403},
    ]);
  });
});
