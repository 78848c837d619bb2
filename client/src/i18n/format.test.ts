import {describe, expect, it} from 'vitest';
import {createFormatters, detectLocale, pluralizer} from './format.ts';

// ICU puts a narrow no-break space before "PM"; compare with plain spaces.
const plain = (s: string) => s.replace(/\s/g, ' ');
// Built from local fields, so the expected text holds in any time zone.
const afternoon = new Date(2025, 10, 26, 14, 5);

describe('detectLocale', () => {
  it('takes the first valid tag the browser offers', () => {
    expect(detectLocale(['not a tag!', 'fr-ca', 'de'])).toBe('fr-CA');
  });

  it('falls back to English without a browser language', () => {
    expect(detectLocale(undefined)).toBe('en');
    expect(detectLocale([])).toBe('en');
  });
});

describe('createFormatters', () => {
  it('formats numbers in the locale', () => {
    expect(createFormatters('en-US').number(1234.5)).toBe('1,234.5');
    expect(createFormatters('de-DE').number(1234.5)).toBe('1.234,5');
  });

  it('formats the time of day and a full date and time', () => {
    expect(plain(createFormatters('en-US').time(afternoon))).toBe('02:05 PM');
    expect(createFormatters('en-GB').time(afternoon)).toBe('14:05');
    expect(plain(createFormatters('en-US').dateTime(afternoon))).toBe('Nov 26, 2025, 2:05 PM');
    expect(createFormatters('de-DE').dateTime(afternoon.getTime())).toBe('26.11.2025, 14:05');
  });

  it('names a day, with the year only when it is not this year’s', () => {
    const en = createFormatters('en-US');
    expect(en.day(afternoon, new Date(2025, 11, 31))).toBe('Wednesday, November 26');
    expect(en.day(afternoon, new Date(2026, 0, 1))).toBe('Wednesday, November 26, 2025');
    expect(createFormatters('de-DE').day(afternoon, afternoon)).toBe('Mittwoch, 26. November');
  });

  it('says how long ago in the largest whole unit, in words where the language has them', () => {
    const now = afternoon.getTime();
    const en = createFormatters('en');
    expect(en.relative(now, now)).toBe('now');
    expect(en.relative(now - 10_000, now)).toBe('10 seconds ago');
    expect(en.relative(now - 5 * 60_000, now)).toBe('5 minutes ago');
    expect(en.relative(now + 2 * 3600_000, now)).toBe('in 2 hours');
    expect(en.relative(now - 24 * 3600_000, now)).toBe('yesterday');
    expect(en.relative(now - 3 * 7 * 24 * 3600_000, now)).toBe('3 weeks ago');
    expect(createFormatters('de').relative(now - 24 * 3600_000, now)).toBe('gestern');
  });

  it('lists names', () => {
    expect(createFormatters('en').list(['you', 'ana', 'ben'])).toBe('you, ana, ben');
  });
});

describe('pluralizer', () => {
  it('chooses the English forms', () => {
    const plural = pluralizer('en');
    const forms = {one: 'one reply', other: 'replies'};
    expect([0, 1, 2].map(n => plural(n, forms))).toEqual(['replies', 'one reply', 'replies']);
  });

  it('chooses the forms of a language with more of them', () => {
    const plural = pluralizer('pl');
    const forms = {one: 'plik', few: 'pliki', many: 'plików', other: 'pliku'};
    expect([1, 2, 5, 22, 1.5].map(n => plural(n, forms))).toEqual([
      'plik',
      'pliki',
      'plików',
      'pliki',
      'pliku',
    ]);
  });

  it('uses `other` for a form the message does not give', () => {
    expect(pluralizer('en')(1, {other: 'items'})).toBe('items');
  });
});
