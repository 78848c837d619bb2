import {useId, type ReactNode} from 'react';

/** The frame of one settings section: its heading (which names the section) and an optional intro. */
export function SettingsSection({
  title,
  intro,
  children,
}: {
  title: string;
  intro?: string;
  children: ReactNode;
}) {
  const headingID = useId();
  return (
    <section aria-labelledby={headingID} className="flex flex-col gap-4">
      <div>
        <h2 id={headingID} className="text-lg font-semibold">
          {title}
        </h2>
        {intro ? <p className="text-sm text-ink-muted">{intro}</p> : null}
      </div>
      {children}
    </section>
  );
}
