import {create} from 'zustand';
import {persist} from 'zustand/middleware';

export type Theme = 'system' | 'light' | 'dark';
/** Per server or room: everything, only mentions of me, or nothing. */
export type NotifyLevel = 'all' | 'mentions' | 'none';

/** UI preferences kept on this device (not synced; no secrets). */
type PrefsState = {
  theme: Theme;
  desktopNotifications: boolean;
  /** Keyed by server id or room id; a room's setting wins over its server's. */
  notify: Record<string, NotifyLevel>;
  setTheme: (theme: Theme) => void;
  setDesktopNotifications: (on: boolean) => void;
  setNotify: (id: string, level: NotifyLevel | undefined) => void;
};

export const usePrefsStore = create<PrefsState>()(
  persist(
    set => ({
      theme: 'system',
      desktopNotifications: false,
      notify: {},
      setTheme: theme => set({theme}),
      setDesktopNotifications: desktopNotifications => set({desktopNotifications}),
      setNotify: (id, level) =>
        set(s => {
          const notify = {...s.notify};
          if (level === undefined) delete notify[id];
          else notify[id] = level;
          return {notify};
        }),
    }),
    {name: 'chorus-prefs'},
  ),
);

/** The level that applies to a room of a server (default: mentions only). */
export function notifyLevel(
  notify: Record<string, NotifyLevel>,
  serverID: string,
  roomID: string,
): NotifyLevel {
  return notify[roomID] ?? notify[serverID] ?? 'mentions';
}

/** Applies the theme to <html data-theme>; `system` follows prefers-color-scheme. */
export function applyTheme(theme: Theme) {
  const dark =
    theme === 'dark' || (theme === 'system' && window.matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  document.documentElement.style.colorScheme = dark ? 'dark' : 'light';
}
