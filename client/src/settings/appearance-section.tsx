import {usePrefsStore, type Theme} from '../stores/prefs-store.ts';
import {settingsMsg} from '../i18n/settings.ts';
import {SettingsSection} from './settings-section.tsx';

const THEMES: Theme[] = ['system', 'light', 'dark'];

/** Settings → Appearance: light, dark, or following the system. */
export function AppearanceSection() {
  const theme = usePrefsStore(s => s.theme);
  const setTheme = usePrefsStore(s => s.setTheme);
  return (
    <SettingsSection title={settingsMsg.sections.appearance}>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">{settingsMsg.appearance.theme}</legend>
        {THEMES.map(t => (
          <label key={t} className="flex items-center gap-2">
            <input type="radio" name="theme" value={t} checked={theme === t} onChange={() => setTheme(t)} />
            {settingsMsg.appearance.themes[t]}
          </label>
        ))}
      </fieldset>
    </SettingsSection>
  );
}
