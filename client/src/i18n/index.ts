/**
 * The client's words, in one place so they can be translated (#6). Components
 * read `msg` (the catalog for the reader's language, English until another
 * ships) and format numbers and dates with `format`:
 *
 *   <Button>{msg.rooms.create.submit}</Button>
 *   toast(msg.rooms.create.failed(reason));
 *
 * A new language is a file exporting an object of type `Catalog`, added to
 * `catalogs` below; the compiler then names every key it is missing.
 *
 * `msg` loads with the entry, so every route carries it. Screens opened now
 * and then (agents, settings, friends, groups, search, sign-up…) keep their
 * words in a section module beside this one, which loads with them
 * (`agentsMsg.page.title` from `agents.ts`): as one catalog, the words
 * weighed 9 kB gzipped in the room route's first load (issue 7). A new
 * language adds its object to each section module as well.
 */
import {en, type Catalog} from './en.ts';
import {locale} from './format.ts';

export type {Catalog} from './en.ts';
export {format, locale, type Instant} from './format.ts';
export {rich} from './rich.ts';

/** The shipped catalogs, by language subtag. */
export const catalogs: Readonly<Record<string, Catalog>> = {en};

/** The best catalog language for a locale: its exact tag, then its language, then English. */
export function pickLanguage(locale: string, available: readonly string[]): string {
  const language = locale.split('-')[0]!.toLowerCase();
  return (
    available.find(tag => tag.toLowerCase() === locale.toLowerCase()) ??
    (available.includes(language) ? language : 'en')
  );
}

/** The language the interface speaks (for `<html lang>`). */
export const language = pickLanguage(locale, Object.keys(catalogs));

/** Every user-visible message but the section modules', in the interface's language. */
export const msg: Catalog = catalogs[language] ?? en;

/** A section module's catalog in the interface's language (English when it has none for it). */
export function catalogSection<T>(sectionCatalogs: Readonly<Record<string, T>> & {en: T}): T {
  return sectionCatalogs[language] ?? sectionCatalogs.en;
}
