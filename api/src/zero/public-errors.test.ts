import {describe, expect, it} from 'vitest';
import {restHarness} from '../../../test/rest-harness.ts';
import {results, zeroClient} from '../../../test/zero-push.ts';
import {WRITE_FAILED} from './public-errors.ts';

// Words of Postgres's that must never reach a client.
const POSTGRES_TEXT =
  /SQLSTATE|invalid byte sequence|Unicode escape|violates|constraint|relation "|syntax error|0x00/i;
const SECRET = 'db-internal-detail-7f3a';

describe('[E1] no database error text reaches a client through Zero', () => {
  const h = restHarness({zero: true});

  async function room() {
    const {member, server} = await h.community();
    const send = (content: string) => ({
      name: 'message.send',
      args: {id: crypto.randomUUID(), roomID: server.generalRoomID, content},
    });
    return {member, send};
  }

  it('[E1] a mutator failing on a database error answers a generic message; the database’s words are logged, not returned or stored', async () => {
    // A database failure of any kind, made real: Postgres refuses the insert with its own message.
    await h.pool.query(`
      CREATE FUNCTION test_refuse_message() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.content = 'boom' THEN RAISE EXCEPTION '${SECRET} in relation "messages"'; END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER test_refuse_message BEFORE INSERT ON messages
        FOR EACH ROW EXECUTE FUNCTION test_refuse_message();`);
    const {member, send} = await room();
    const client = zeroClient(h, member);
    const reply = await client.push([send('boom'), send('fine')]);
    expect(JSON.stringify(reply.json)).not.toContain(SECRET);
    const [boom, fine] = results(reply);
    expect(boom?.result).toEqual({error: 'app', message: WRITE_FAILED});
    expect(fine?.result).toEqual({});
    // The failure is answered for good (the client will not push it forever), and what
    // zero-cache would sync to the client from Zero's own table says no more.
    expect(await client.lastMutationID()).toBe(2);
    expect(await client.storedResults()).toEqual(new Map([[1, {error: 'app', message: WRITE_FAILED}]]));
    expect(h.logs.some(line => line.includes(SECRET))).toBe(true);
  });

  it('[E1] a NUL in message content is refused without Postgres’s words, and nothing is stored', async () => {
    const {member, send} = await room();
    const client = zeroClient(h, member);
    const [nul] = results(await client.push([send('a\u0000b')]));
    expect(nul?.result).toMatchObject({error: 'app'});
    expect(JSON.stringify(nul)).not.toMatch(POSTGRES_TEXT);
    const stored = JSON.stringify([...(await client.storedResults()).values()]);
    expect(stored).not.toMatch(POSTGRES_TEXT);
    const {rows} = await h.pool.query('SELECT 1 FROM messages WHERE user_id = $1', [member.userID]);
    expect(rows).toHaveLength(0);
  });

  it('[E1] errors written for people keep their own words', async () => {
    const {member, send} = await room();
    const [missing] = results(
      await zeroClient(h, member).push([
        {name: 'message.send', args: {...send('hi').args, roomID: crypto.randomUUID()}},
      ]),
    );
    expect(missing?.result).toMatchObject({
      error: 'app',
      message: expect.stringMatching(/room/i),
      details: {code: 'NOT_FOUND'},
    });
    const [invalid] = results(await zeroClient(h, member).push([send('')]));
    expect(invalid?.result).toMatchObject({
      error: 'app',
      message: expect.stringMatching(/^Validation failed/),
    });
  });
});
