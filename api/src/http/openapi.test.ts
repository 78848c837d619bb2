import {describe, expect, it} from 'vitest';
import {restHarness} from '../../../test/rest-harness.ts';
import {documentationGaps} from './openapi.ts';

// [API1] The OpenAPI document: every /api/v1 and /api/agent/v1 route, with
// the request schemas its handler validates with, and the reference page.

const h = restHarness();

describe('[API1] OpenAPI', () => {
  it('describes every route, and nothing that is not a route', () => {
    expect(documentationGaps(h.app)).toEqual({undocumented: [], stale: []});
  });

  it('is OpenAPI 3.1 with the validating schemas: limits, required fields, scopes and security', async () => {
    const res = await h.app.request('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = await res.json();
    expect(doc.openapi).toBe('3.1.0');
    const send = doc.paths['/api/agent/v1/messages'].post;
    expect(send.security).toEqual([{agentKey: []}]);
    expect(send.description).toContain('messages:write');
    const body = send.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(['content']);
    expect(body.properties.content).toMatchObject({type: 'string', maxLength: 8000});
    expect(body.additionalProperties).toBe(false);
    const history = doc.paths['/api/v1/messages/room/{roomId}'].get;
    expect(history.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({name: 'roomId', in: 'path', required: true}),
        expect.objectContaining({name: 'limit', in: 'query'}),
      ]),
    );
    expect(
      doc.paths['/api/v1/agents'].post.requestBody.content['application/json'].schema.properties.scopes,
    ).toMatchObject({
      type: 'array',
      items: {enum: ['messages:read', 'messages:write', 'reactions:write', 'files:write']},
    });
  });

  it('has a reference page served without any CDN', async () => {
    const page = await h.app.request('/api/docs');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('/api/docs/assets/swagger-ui-bundle.js');
    expect(html).not.toMatch(/https?:\/\//);
    const bundle = await h.app.request('/api/docs/assets/swagger-ui-bundle.js');
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toContain('javascript');
  });
});
