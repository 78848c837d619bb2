import {NavLink, useRoutes} from 'react-router';
import {settingsRoutes, settingsSections} from '../settings/settings-sections.tsx';
import {settingsMsg} from '../i18n/settings.ts';

/** `/settings/*`: a nav of sections on the left, the open section beside it. */
export function SettingsPage() {
  const section = useRoutes(settingsRoutes);
  return (
    <div className="flex min-h-0 flex-1 flex-col overflow-y-auto md:flex-row">
      <nav
        aria-label={settingsMsg.title}
        className="shrink-0 border-surface-3 bg-surface-2 p-3 md:w-56 md:border-r"
      >
        <h1 className="px-3 pb-2 text-lg font-bold">{settingsMsg.title}</h1>
        <ul className="flex gap-1 md:flex-col">
          {settingsSections.map(section => (
            <li key={section.path}>
              <NavLink
                // Absolute: these routes are descendants of a splat route, where a
                // relative link resolves from the current URL (/settings/profile/sessions).
                to={`/settings/${section.path}`}
                className={({isActive}) =>
                  `block rounded-lg px-3 py-1.5 text-sm ${
                    isActive ? 'bg-surface-3 font-semibold' : 'text-ink-muted hover:bg-surface-3'
                  }`
                }
              >
                {section.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main className="min-w-0 flex-1 md:overflow-y-auto">
        <div className="mx-auto flex max-w-2xl flex-col gap-6 p-6">{section}</div>
      </main>
    </div>
  );
}
