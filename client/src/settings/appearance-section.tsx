import {usePrefsStore, type Theme} from '../stores/prefs-store.ts';

const THEMES: {value: Theme; label: string}[] = [
  {value: 'system', label: 'Match my system'},
  {value: 'light', label: 'Light'},
  {value: 'dark', label: 'Dark'},
];

/** Settings → Appearance: light, dark, or following the system. */
export function AppearanceSection() {
  const theme = usePrefsStore(s => s.theme);
  const setTheme = usePrefsStore(s => s.setTheme);
  return (
    <section aria-labelledby="appearance-heading" className="flex flex-col gap-3">
      <h2 id="appearance-heading" className="text-lg font-semibold">
        Appearance
      </h2>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">Theme</legend>
        {THEMES.map(t => (
          <label key={t.value} className="flex items-center gap-2">
            <input
              type="radio"
              name="theme"
              value={t.value}
              checked={theme === t.value}
              onChange={() => setTheme(t.value)}
            />
            {t.label}
          </label>
        ))}
      </fieldset>
    </section>
  );
}
