import type {ReactNode} from 'react';
import {format, type Instant} from './format.ts';
import {catalogSection} from './index.ts';
import {rich} from './rich.ts';

/**
 * The settings page and its sections. The notification levels are in
 * `en.ts`: the room header's bell offers them.
 *
 * These words load with the screens that show them, not with the room route
 * (issue 7). A translation is an object of type `SettingsCatalog`, added to the record
 * given to `catalogSection` below.
 */
export const settingsEn = {
  title: 'Settings',
  sections: {
    profile: 'Profile',
    sessions: 'Sessions',
    appearance: 'Appearance',
    notifications: 'Notifications',
    agents: 'AI agents',
  },
  profile: {
    intro: 'Everyone in your servers sees these. Your email stays private.',
    /** `verified` is undefined for an account without an email address. */
    signedInAs: (who: ReactNode, verified: boolean | undefined) =>
      rich(
        'Signed in as ',
        who,
        verified === undefined ? '' : verified ? ' (verified)' : ' (not verified yet)',
      ),
    unchanged: 'Nothing to save: your profile is unchanged.',
    saved: 'Profile saved.',
    picture: 'Your current picture',
    pictureUrl: 'Picture URL',
    pictureHint: 'A link to an image. Leave empty for none.',
    urlPlaceholder: 'https://…',
    externalLink: 'External link',
    externalLinkHint: 'Your website or a profile elsewhere. Leave empty for none.',
    submit: 'Save profile',
  },
  sessions: {
    intro:
      'Where your account is signed in. Sign out any device you do not recognise, then change your password.',
    loading: 'Loading sessions…',
    list: 'Active sessions',
    signedOut: (device: string) => `Signed out ${device}.`,
    thisDevice: 'This device',
    details: (lastUsed: Instant, ip: string | null, signedIn: Instant) =>
      `Last used ${format.dateTime(lastUsed)}${ip ? ` · ${ip}` : ''} · signed in ${format.dateTime(signedIn)}`,
    signOut: 'Sign out',
    signOutThis: 'Sign out of this device',
    signOutDevice: (device: string, lastUsed: Instant) =>
      `Sign out ${device}, last used ${format.dateTime(lastUsed)}`,
    everywhere: 'Sign out everywhere',
    everywhereHelp: 'Ends every session, including this one.',
    confirmTitle: 'Sign out everywhere?',
    confirmBody: 'Every device signed in to your account, this one included, will be signed out.',
    confirmSubmit: 'Sign out all devices',
  },
  appearance: {
    theme: 'Theme',
    themes: {system: 'Match my system', light: 'Light', dark: 'Dark'},
  },
  notifications: {
    desktop: 'Desktop notifications while Chorus is in the background',
    unsupported: 'This browser cannot show desktop notifications.',
    blocked:
      'Notifications are blocked for this site. Allow them in your browser’s site settings, then tick the box again.',
    perServer: 'Per server',
    noServers: 'You are not in any server yet.',
    forServer: (server: string) => `Notifications for ${server}`,
  },
};

export type SettingsCatalog = typeof settingsEn;

export const settingsMsg: SettingsCatalog = catalogSection({en: settingsEn});
