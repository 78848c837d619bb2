import {describe, expect, it} from 'vitest';
import {agentsEn, agentsMsg} from './agents.ts';
import {authEn} from './auth.ts';
import {en} from './en.ts';
import {friendsEn} from './friends.ts';
import {groupsEn} from './groups.ts';
import {catalogs, catalogSection, msg, pickLanguage, type Catalog} from './index.ts';
import {searchEn} from './search.ts';
import {settingsEn, type SettingsCatalog} from './settings.ts';
import {shortcutsEn} from './shortcuts.ts';

/** Every leaf of a catalog, with its dotted key. */
function leaves(node: object, prefix = ''): [string, unknown][] {
  return Object.entries(node).flatMap(([key, value]): [string, unknown][] =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? leaves(value, `${prefix}${key}.`)
      : [[`${prefix}${key}`, value]],
  );
}

/** The English catalog with the sections that load with their screens. */
const english = {
  ...en,
  sections: {
    agents: agentsEn,
    auth: authEn,
    friends: friendsEn,
    groups: groupsEn,
    search: searchEn,
    settings: settingsEn,
    shortcuts: shortcutsEn,
  },
};

describe('the English catalog', () => {
  it('is a tree of non-empty, trimmed texts and message functions, sections included', () => {
    const bad = leaves(english).filter(
      ([, value]) =>
        !(typeof value === 'string' && value.length > 0 && value.trim() === value) &&
        typeof value !== 'function' &&
        !Array.isArray(value),
    );
    expect(bad).toEqual([]);
  });

  it('is what the app shows when no other language matches', () => {
    expect(catalogs.en).toBe(en);
    expect(msg).toBe(en);
    expect(agentsMsg).toBe(agentsEn);
    expect(catalogSection({en: 'English', xx: 'Other'})).toBe('English');
  });

  it('counts with the singular for one and the plural otherwise', () => {
    expect([0, 1, 2].map(en.messages.thread.replies)).toEqual(['0 replies', '1 reply', '2 replies']);
    expect(en.servers.rail.unreadMentions('Acme', 1)).toBe('1 unread mention in Acme');
    expect(en.servers.rail.unreadMentions('Acme', 3)).toBe('3 unread mentions in Acme');
  });

  it('says how long a rate limit asks to wait', () => {
    expect(en.errors.tooManyAttempts(undefined)).toBe('Too many attempts. Try again in a little while.');
    expect(en.errors.tooManyAttempts(1)).toBe('Too many attempts. Try again in 1 second.');
    expect(en.errors.tooManyAttempts(45)).toBe('Too many attempts. Try again in 45 seconds.');
    expect(en.errors.tooManyAttempts(60)).toBe('Too many attempts. Try again in 1 minute.');
    expect(en.errors.tooManyAttempts(61)).toBe('Too many attempts. Try again in 2 minutes.');
  });

  it('puts unread mentions, capped, or a dot for news in the tab title', () => {
    expect(en.app.documentTitle(0, false)).toBe('Chorus');
    expect(en.app.documentTitle(0, true)).toBe('• Chorus');
    expect(en.app.documentTitle(7, true)).toBe('(7) Chorus');
    expect(en.app.documentTitle(120, false)).toBe('(99+) Chorus');
  });
});

describe('another language', () => {
  it('is an object of the same type (the compiler rejects a missing key or parameter)', () => {
    // en-GB differs in one word; everything else is inherited.
    const british = {
      ...en,
      members: {...en.members, heading: (count: number) => `Members (${count})`},
    } satisfies Catalog;
    expect(british.members.heading(2)).toBe('Members (2)');
    // A section module's translation too.
    const britishSettings = {
      ...settingsEn,
      appearance: {...settingsEn.appearance, theme: 'Colour scheme'},
    } satisfies SettingsCatalog;
    expect(britishSettings.appearance.theme).toBe('Colour scheme');

    // @ts-expect-error a catalog needs every key
    const missing: Catalog = {app: en.app};
    // @ts-expect-error a message takes the same parameters
    const wrong: Catalog = {...en, members: {...en.members, kick: (name: number) => `Kick ${name}`}};
    expect([missing, wrong]).toHaveLength(2);
  });

  it('is chosen by exact tag, then by language, else English', () => {
    const available = ['en', 'pt', 'pt-BR'];
    expect(pickLanguage('pt-BR', available)).toBe('pt-BR');
    expect(pickLanguage('pt-PT', available)).toBe('pt');
    expect(pickLanguage('fr-FR', available)).toBe('en');
  });
});
