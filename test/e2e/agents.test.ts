import {createServer as createHTTPServer, type IncomingHttpHeaders} from 'node:http';
import type {AddressInfo} from 'node:net';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startEchoAgent, type EchoAgent} from '../../examples/echo-agent/agent.ts';
import {createServer} from '../people.ts';
import {freePort} from '../ports.ts';
import {browserSuite} from '../suite.ts';

// The agents page as its owner uses it (AG1–AG8): create an agent, copy its
// key from the one place it is shown, test its webhook, replay a dead
// letter, add it to a server; then the agent posts through the gateway and
// the room shows its message live, with the AI badge (AG4).

/** A local webhook receiver: answers `status` (changeable) and keeps what it got. */
function receiver() {
  const got: {headers: IncomingHttpHeaders; body: string}[] = [];
  const state = {status: 200};
  const server = createHTTPServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      got.push({headers: req.headers, body});
      res.writeHead(state.status).end();
    });
  });
  return {
    got,
    state,
    server,
    url: () => `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
  };
}

describe('AI agents', () => {
  const suite = browserSuite();
  const hook = receiver();
  let echo: EchoAgent | undefined;
  afterAll(() => echo?.close());
  beforeAll(() => new Promise<void>(resolve => hook.server.listen(0, '127.0.0.1', resolve)));
  afterAll(() => new Promise<void>(resolve => hook.server.close(() => resolve())));

  it('[AG1][AG2][AG4][AG8] ana creates an agent, copies its key once, adds it to her server; its message shows live with the AI badge', async () => {
    const ana = await suite.signUp('ana', {permissions: ['clipboard-read', 'clipboard-write']});
    await createServer(ana, 'Bots');
    const roomURL = ana.url();
    const [, serverID, roomID] = /\/servers\/([^/]+)\/rooms\/([^/?]+)/.exec(roomURL)!;

    await ana.getByRole('link', {name: 'Settings', exact: true}).click();
    await ana.getByRole('heading', {name: 'Profile'}).waitFor();
    await ana.getByRole('navigation', {name: 'Settings'}).getByRole('link', {name: 'AI agents'}).click();
    await ana.getByText('You have no agents yet.', {exact: false}).waitFor();
    await ana.getByRole('button', {name: 'Create an agent'}).click();
    const create = ana.getByRole('dialog', {name: 'Create an agent'});
    // A field the API refuses says so beside the field.
    await create.getByRole('textbox', {name: 'Name'}).fill('bad name!');
    await create.getByRole('button', {name: 'Create agent'}).click();
    await create.getByText('Use 2–32 letters, digits, dots, dashes or underscores.').waitFor();
    await create.getByRole('textbox', {name: 'Name'}).fill('helperbot');
    await create.getByRole('textbox', {name: 'Webhook URL'}).fill(hook.url());
    await create.getByRole('checkbox', {name: /reactions:write/}).check();
    await create.getByRole('spinbutton', {name: 'Calls per hour'}).fill('500');
    await create.getByRole('button', {name: 'Create agent'}).click();

    const shown = ana.getByRole('dialog', {name: 'helperbot is ready'});
    await shown.getByText(/Copy it now and keep it somewhere safe: you will not see it again/).waitFor();
    const keyBox = shown.getByRole('textbox', {name: 'API key'});
    const apiKey = await keyBox.inputValue();
    expect(apiKey).toMatch(/^chorus_ak_/);
    expect(await shown.getByRole('textbox', {name: 'Webhook signing secret'}).inputValue()).toMatch(
      /^whsec_/,
    );
    await shown.getByRole('button', {name: 'Copy the API key'}).click();
    await shown.getByText('Copied.').waitFor();
    expect(await ana.evaluate(() => navigator.clipboard.readText())).toBe(apiKey);
    await shown.getByRole('button', {name: 'I have saved it'}).click();
    await shown.waitFor({state: 'hidden'});

    // Listed with its prefix, never its key.
    const list = ana.getByRole('list', {name: 'Your agents'});
    await list.getByRole('link', {name: 'Manage helperbot'}).waitFor();
    await list.getByRole('img', {name: 'AI agent'}).waitFor();
    expect(await ana.content()).not.toContain(apiKey);

    // "Send test event": delivered, then refused by the receiver and listed as a dead letter to replay.
    await list.getByRole('link', {name: 'Manage helperbot'}).click();
    await ana.getByRole('heading', {name: /helperbot/, level: 1}).waitFor();
    await ana.getByText('No failed deliveries.').waitFor();
    await ana.getByRole('button', {name: 'Send test event'}).click();
    await ana.getByText('Test event delivered (HTTP 200).').waitFor();
    expect(hook.got.at(-1)?.headers['webhook-signature']).toMatch(/^v1,/);
    hook.state.status = 400;
    await ana.getByRole('button', {name: 'Send test event'}).click();
    await ana.getByText('Test event not delivered (HTTP 400)', {exact: false}).waitFor();
    const dead = ana.getByRole('list', {name: 'Failed deliveries'});
    await dead.getByText('HTTP 400').waitFor();
    hook.state.status = 200;
    const before = hook.got.length;
    await dead.getByRole('button', {name: /^Replay test/}).click();
    await ana.getByText('Queued again.', {exact: false}).waitFor();
    await expect.poll(() => hook.got.length, {timeout: 15_000}).toBeGreaterThan(before);

    // [AG4] Added to the server from its settings (agents never join by code).
    await ana.goto(`${suite.stack.url}/servers/${serverID}/settings`);
    const agentsSection = ana.getByRole('region', {name: 'AI agents'});
    await agentsSection.getByRole('combobox', {name: 'Agent'}).selectOption({label: 'helperbot'});
    await agentsSection.getByRole('button', {name: 'Add agent'}).click();
    await agentsSection.getByText('helperbot was added to the server.').waitFor();
    const members = ana.getByRole('region', {name: /Members/});
    await members.getByText('helperbot', {exact: true}).waitFor();
    await members.getByRole('img', {name: 'AI agent'}).waitFor();
    await agentsSection.getByText('You have no agents to add.').waitFor();

    // The agent speaks through the gateway; the room shows it live, badged.
    await ana.goto(roomURL);
    await ana.getByRole('heading', {name: 'general'}).waitFor();
    const res = await fetch(`${suite.stack.url}/api/agent/v1/messages`, {
      method: 'POST',
      headers: {authorization: `Bearer ${apiKey}`, 'content-type': 'application/json'},
      body: JSON.stringify({roomId: roomID, content: 'Hello from helperbot'}),
    });
    expect(res.status).toBe(201);
    const message = ana
      .getByRole('feed', {name: 'Messages'})
      .locator('article')
      .filter({hasText: 'Hello from helperbot'});
    await message.waitFor({timeout: 15_000});
    await message.getByRole('img', {name: 'AI agent'}).waitFor();
    await message.getByRole('button', {name: 'Profile of helperbot'}).waitFor();

    // [AG7] The call is in its audit log, found by its room.
    await ana.goto(`${suite.stack.url}/settings/agents`);
    await ana.getByRole('link', {name: 'Manage helperbot'}).click();
    await ana.getByRole('combobox', {name: 'Room'}).selectOption({label: 'Bots › #general'});
    const log = ana.getByRole('list', {name: 'Audit log entries'});
    await log.getByText('Sent a message').waitFor();
    await log.getByText('in #general').waitFor();
  });

  it('[AG1][AG2][AG3][AG8] ben edits his agent (a first webhook shows its secret once; it hears only mentions), rotates its key and deletes it', async () => {
    const ben = await suite.signUp('ben');
    const me = (key: string) =>
      fetch(`${suite.stack.url}/api/agent/v1/me`, {headers: {authorization: `Bearer ${key}`}});
    await ben.goto(`${suite.stack.url}/settings/agents`);
    await ben.getByRole('button', {name: 'Create an agent'}).click();
    const create = ben.getByRole('dialog', {name: 'Create an agent'});
    await create.getByRole('textbox', {name: 'Name'}).fill('quietbot');
    await create.getByRole('button', {name: 'Create agent'}).click();
    const created = ben.getByRole('dialog', {name: 'quietbot is ready'});
    const firstKey = await created.getByRole('textbox', {name: 'API key'}).inputValue();
    expect(await created.getByRole('textbox', {name: 'Webhook signing secret'}).count()).toBe(0);
    await created.getByRole('button', {name: 'I have saved it'}).click();
    expect((await me(firstKey)).status).toBe(200);

    await ben.getByRole('link', {name: 'Manage quietbot'}).click();
    await ben.getByRole('button', {name: 'Send test event'}).waitFor();
    expect(await ben.getByRole('button', {name: 'Send test event'}).isDisabled()).toBe(true);
    await ben.getByRole('textbox', {name: 'Webhook URL'}).fill(hook.url());
    // [AG8] What the webhook hears of: every message by default, here only mentions and DMs.
    const events = ben.getByRole('group', {name: 'Webhook events'});
    expect(await events.getByRole('radio', {name: 'Every message where the agent is'}).isChecked()).toBe(
      true,
    );
    await events.getByRole('radio', {name: /Only messages that mention it/}).check();
    await ben.getByRole('button', {name: 'Save changes'}).click();
    const secret = ben.getByRole('dialog', {name: 'Webhook secret for quietbot'});
    expect(await secret.getByRole('textbox', {name: 'Webhook signing secret'}).inputValue()).toMatch(
      /^whsec_/,
    );
    await secret.getByRole('button', {name: 'I have saved it'}).click();
    await ben.getByText('Saved.').waitFor();
    await ben.reload();
    const saved = ben.getByRole('group', {name: 'Webhook events'});
    await saved.getByRole('radio', {name: /Only messages that mention it/}).waitFor();
    expect(await saved.getByRole('radio', {name: /Only messages that mention it/}).isChecked()).toBe(true);

    // [AG2] Rotating asks first; the old key stops at once, the new one (shown once) works.
    await ben.getByRole('button', {name: 'Rotate key'}).click();
    await ben
      .getByRole('dialog', {name: 'Rotate the key of quietbot?'})
      .getByRole('button', {name: 'Rotate key'})
      .click();
    const rotated = ben.getByRole('dialog', {name: 'New key for quietbot'});
    const secondKey = await rotated.getByRole('textbox', {name: 'API key'}).inputValue();
    await rotated.getByRole('button', {name: 'I have saved it'}).click();
    expect(secondKey).not.toBe(firstKey);
    expect((await me(firstKey)).status).toBe(401);
    expect((await me(secondKey)).status).toBe(200);
    await ben.getByRole('list', {name: 'Audit log entries'}).getByText('Read its profile').first().waitFor();

    // [AG3] Deleting is a destructive confirmation; the agent stays listed, deleted, its key dead.
    await ben.getByRole('button', {name: 'Delete agent'}).click();
    await ben
      .getByRole('dialog', {name: 'Delete quietbot?'})
      .getByRole('button', {name: 'Delete agent'})
      .click();
    await ben.getByRole('list', {name: 'Your agents'}).getByText('Deleted').waitFor();
    expect((await me(secondKey)).status).toBe(401);
  });

  it('[AG4][AG8] the example agent answers a mention: its reply appears live with the AI badge', async () => {
    const cy = await suite.signUp('cy');
    await createServer(cy, 'Echoes');
    await cy.getByRole('heading', {name: 'general'}).waitFor();
    const serverID = new URL(cy.url()).pathname.split('/')[2]!;
    // The API as cy (a fresh access token from the refresh cookie).
    const api = (method: string, path: string, body?: unknown) =>
      cy.evaluate(
        async ({method, path, body}) => {
          const {accessToken} = (await (await fetch('/api/v1/auth/refresh', {method: 'POST'})).json()) as {
            accessToken: string;
          };
          const res = await fetch(`/api/v1${path}`, {
            method,
            headers: {authorization: `Bearer ${accessToken}`, 'content-type': 'application/json'},
            body: body === undefined ? null : JSON.stringify(body),
          });
          return {status: res.status, json: (await res.json()) as Record<string, string>};
        },
        {method, path, body},
      );
    const port = await freePort();
    const created = await api('POST', '/agents', {
      name: 'echobot',
      scopes: ['messages:read', 'messages:write'],
      webhookUrl: `http://127.0.0.1:${port}/webhook`,
    });
    expect(created.status).toBe(201);
    expect((await api('POST', `/servers/${serverID}/agents`, {agentId: created.json.id})).status).toBe(201);
    echo = await startEchoAgent({
      chorusURL: suite.stack.url,
      key: created.json.apiKey!,
      secret: created.json.webhookSecret!,
      port,
      log: () => {},
    });

    const composer = cy.getByRole('textbox', {name: 'Message #general'});
    await composer.click();
    await cy.keyboard.type('@echobot hello there ');
    await cy.keyboard.press('Enter');
    const reply = cy
      .getByRole('feed', {name: 'Messages'})
      .locator('article')
      .filter({hasText: 'Echo: hello there'});
    await reply.waitFor({timeout: 20_000});
    await reply.getByRole('img', {name: 'AI agent'}).waitFor();
    expect(echo.answered()).toBe(1);
  });
});
