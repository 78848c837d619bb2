import {queries} from '@chorus/schema';
import {useQuery} from '@rocicorp/zero/react';
import {useState} from 'react';
import {usePrefsStore, type NotifyLevel} from '../stores/prefs-store.ts';
import {NOTIFY_LEVELS} from './notify-levels.ts';
import {settingsMsg} from '../i18n/settings.ts';
import {SettingsSection} from './settings-section.tsx';

/** Settings → Notifications: desktop notifications and a level per server. */
export function NotificationsSection() {
  const enabled = usePrefsStore(s => s.desktopNotifications);
  const setEnabled = usePrefsStore(s => s.setDesktopNotifications);
  const notify = usePrefsStore(s => s.notify);
  const setNotify = usePrefsStore(s => s.setNotify);
  const [servers] = useQuery(queries.myServers());
  const supported = typeof Notification !== 'undefined';
  const [permission, setPermission] = useState(supported ? Notification.permission : 'denied');

  async function toggle(on: boolean) {
    if (on && supported && Notification.permission !== 'granted') {
      const result = await Notification.requestPermission();
      setPermission(result);
      if (result !== 'granted') return;
    }
    setEnabled(on);
  }

  return (
    <SettingsSection title={settingsMsg.sections.notifications}>
      <label className="flex items-center gap-2">
        <input
          type="checkbox"
          checked={enabled && permission === 'granted'}
          disabled={!supported}
          onChange={e => void toggle(e.target.checked)}
        />
        {settingsMsg.notifications.desktop}
      </label>
      {!supported ? (
        <p className="text-sm text-ink-muted">{settingsMsg.notifications.unsupported}</p>
      ) : permission === 'denied' ? (
        <p className="text-sm text-ink-muted">{settingsMsg.notifications.blocked}</p>
      ) : null}
      <div className="flex flex-col gap-2">
        <h3 className="text-sm font-medium">{settingsMsg.notifications.perServer}</h3>
        {servers.length === 0 ? (
          <p className="text-sm text-ink-muted">{settingsMsg.notifications.noServers}</p>
        ) : null}
        {servers.map(s => (
          <label key={s.id} className="flex items-center justify-between gap-3 text-sm">
            <span>{s.name}</span>
            <select
              aria-label={settingsMsg.notifications.forServer(s.name)}
              value={notify[s.id] ?? 'mentions'}
              onChange={e => setNotify(s.id, e.target.value as NotifyLevel)}
              className="rounded border border-surface-3 bg-surface px-2 py-1"
            >
              {NOTIFY_LEVELS.map(l => (
                <option key={l.value} value={l.value}>
                  {l.label}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
    </SettingsSection>
  );
}
