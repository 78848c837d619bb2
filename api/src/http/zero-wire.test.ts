import {describe, expect, it} from 'vitest';
import {encodeSecProtocols} from '../../../test/sync-socket.ts';
import {isAllowedHeaderMessage, messageType, readSecProtocols, updatedAuth} from './zero-wire.ts';

const type = (text: string) => messageType(Buffer.from(text));

describe('messageType', () => {
  it('reads the type of what the Zero client sends', () => {
    expect(type('["inspect",{"op":"version","id":"1"}]')).toBe('inspect');
    expect(type('["updateAuth",{"auth":"x"}]')).toBe('updateAuth');
    expect(type('["push",{"mutations":[]}]')).toBe('other');
    expect(type('["inspector",{}]')).toBe('other');
    expect(type('["inspec",{}]')).toBe('other');
  });

  it('[Z2] sees an inspect message however its JSON is written', () => {
    for (const text of [
      '["\\u0069nspect",{"op":"version","id":"1"}]',
      '["ins\\u0070ect",{}]',
      '[ "inspect",{}]',
      ' \n\t["inspect",{}]',
      '[\r\n"inspect"\n,{}]',
    ]) {
      expect(type(text), text).toBe('inspect');
    }
  });

  it('[Z2] reads a binary frame of the same bytes as zero-cache does', () => {
    const bytes = new Uint8Array(Buffer.from('["inspect",{}]'));
    expect(messageType(Buffer.from(bytes))).toBe('inspect');
  });

  it('agrees with JSON.parse of the decoded text on every prefix it decides fast', () => {
    // Strings zero-cache would decode as something other than "inspect".
    for (const text of ['["inspect\\"",{}]', '["inspect ",{}]', '["Inspect",{}]', '["",{}]', '[]', '{}']) {
      expect(type(text), text).toBe('other');
    }
    // Invalid UTF-8 decodes to U+FFFD, never to ASCII.
    expect(messageType(Buffer.from([0x5b, 0x22, 0xc1, 0xa9, ...Buffer.from('nspect",{}]')]))).toBe('other');
  });

  it('[Z2] agrees with zero-cache (toString, JSON.parse) on random spellings of each type', () => {
    /** How zero-cache reads `data`: its type, or `undefined` when it cannot parse it (and closes). */
    const zeroCacheReads = (data: Buffer) => {
      try {
        const message: unknown = JSON.parse(data.toString());
        return Array.isArray(message) ? message[0] : null;
      } catch {
        return undefined;
      }
    };
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;
    const spaces = ['', '', ' ', '\n', '\t', '\r\n', '\u00a0', '\uFEFF'];
    const escape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    // Half spelled right (some letters escaped), half also miswritten.
    const spell = (name: string, right: boolean) =>
      [...name]
        .map(c => pick(right ? [c, c, escape(c)] : [c, c, escape(c), c.toUpperCase(), `\\${c}`, '']))
        .join('');
    let seen = 0;
    for (let i = 0; i < 5_000; i++) {
      const name = pick(['inspect', 'updateAuth', 'push']);
      const text = `${pick(spaces)}[${pick(spaces)}"${spell(name, Math.random() < 0.5)}"${pick(spaces)},{}]${pick(spaces)}`;
      const data =
        Math.random() < 0.1
          ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])
          : Buffer.from(text);
      const read = zeroCacheReads(data);
      if (read === 'inspect' || read === 'updateAuth') seen++;
      // What zero-cache cannot parse it refuses, so the fast path may take it for anything.
      if (read !== undefined) {
        expect(messageType(data), text).toBe(read === 'inspect' || read === 'updateAuth' ? read : 'other');
      }
    }
    expect(seen).toBeGreaterThan(200); // the right spellings were read both ways
  });

  it('calls what does not parse "other" (zero-cache rejects it too)', () => {
    expect(type('not json')).toBe('other');
    expect(type('')).toBe('other');
    expect(type('["inspect"')).toBe('inspect'); // fast path: refused anyway, never passed on
  });
});

describe('readSecProtocols', () => {
  it('reads the token and first message the Zero client packs into its protocol header', () => {
    const init = ['initConnection', {desiredQueriesPatch: []}];
    expect(readSecProtocols(encodeSecProtocols(init, 'a.b.c'))).toEqual({
      authToken: 'a.b.c',
      initConnectionMessage: init,
    });
    expect(readSecProtocols(encodeSecProtocols(undefined, 'a.b.c'))).toEqual({authToken: 'a.b.c'});
  });

  it('reads nothing from a missing, listed or malformed header', () => {
    const one = encodeSecProtocols(undefined, 'a.b.c');
    for (const header of [undefined, '', `${one}, ${one}`, 'not-base64!', encodeURIComponent(btoa('[1]'))]) {
      expect(readSecProtocols(header), String(header)).toBeUndefined();
    }
  });

  it('[Z2] allows only initConnection (or nothing) as the header message', () => {
    expect(isAllowedHeaderMessage(undefined)).toBe(true);
    expect(isAllowedHeaderMessage(['initConnection', {}])).toBe(true);
    expect(isAllowedHeaderMessage(['inspect', {op: 'version', id: '1'}])).toBe(false);
    expect(isAllowedHeaderMessage(['push', {}])).toBe(false);
    expect(isAllowedHeaderMessage(null)).toBe(false);
  });
});

describe('updatedAuth', () => {
  it('reads the token of an updateAuth message only', () => {
    expect(updatedAuth(Buffer.from('["updateAuth",{"auth":"t"}]'))).toBe('t');
    expect(updatedAuth(Buffer.from('["updateAuth",{}]'))).toBeUndefined();
    expect(updatedAuth(Buffer.from('["push",{"auth":"t"}]'))).toBeUndefined();
  });
});
