import {ChorusError, ErrorCode} from '@chorus/schema';
import {Hono} from 'hono';
import {describe, expect, it} from 'vitest';
import {onError} from './problem.ts';
import {restFieldName} from './rest-field.ts';

describe('[API2] REST field names', () => {
  it('spells ids the REST way, segment by segment, and leaves other names alone', () => {
    expect(restFieldName('roomID')).toBe('roomId');
    expect(restFieldName('userIDs')).toBe('userIds');
    expect(restFieldName('members.0.userID')).toBe('members.0.userId');
    expect(restFieldName('parentMessageID')).toBe('parentMessageId');
    expect(restFieldName('id')).toBe('id');
    expect(restFieldName('accessCode')).toBe('accessCode');
    expect(restFieldName('IDEA')).toBe('IDEA');
    expect(restFieldName('roomId')).toBe('roomId');
  });

  it('names the field a REST caller sent when a mutator refuses an argument', async () => {
    const app = new Hono();
    app.onError(onError);
    app.post('/', () => {
      throw new ChorusError(ErrorCode.NOT_FOUND, 'One of these people cannot be added.', 'userIDs');
    });
    const res = await app.request('/', {method: 'POST'});
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({
      field: 'userIds',
      errors: [{field: 'userIds', message: 'One of these people cannot be added.'}],
    });
  });
});
