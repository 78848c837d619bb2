import {msg} from '../i18n/index.ts';
import type {NotifyLevel} from '../stores/prefs-store.ts';

/** The levels as offered in settings and in a room's header. */
export const NOTIFY_LEVELS: {value: NotifyLevel; label: string}[] = (
  ['all', 'mentions', 'none'] as const
).map(value => ({value, label: msg.settings.notifications.levels[value]}));
