import {useId} from 'react';
import type {Friend} from '../hooks/use-friends.ts';
import {Avatar} from './avatar.tsx';
import {groupsMsg} from '../i18n/groups.ts';

/**
 * Friends to tick, as one group of checkboxes: at most `max` at once (the
 * others are disabled once that many are ticked), with `hint` saying how
 * many to choose.
 */
export function FriendPicker({
  legend,
  hint,
  friends,
  selected,
  max,
  onChange,
}: {
  legend: string;
  hint: string;
  friends: readonly Friend[];
  selected: ReadonlySet<string>;
  max: number;
  onChange: (selected: ReadonlySet<string>) => void;
}) {
  const hintID = useId();
  const toggle = (id: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    onChange(next);
  };
  return (
    <fieldset aria-describedby={hintID} className="flex min-w-0 flex-col gap-2">
      <legend className="text-sm font-medium">{legend}</legend>
      <p id={hintID} className="text-sm text-ink-muted">
        {hint}
      </p>
      {friends.length === 0 ? (
        <p className="text-sm text-ink-muted">{groupsMsg.noFriendsToAdd}</p>
      ) : (
        <ul className="flex max-h-64 flex-col gap-0.5 overflow-y-auto rounded-lg border border-surface-3 p-1">
          {friends.map(f => {
            const checked = selected.has(f.id);
            return (
              <li key={f.id}>
                <label className="flex cursor-pointer items-center gap-2 rounded-md px-2 py-1.5 text-sm hover:bg-surface-3 has-disabled:cursor-not-allowed has-disabled:opacity-60">
                  <input
                    type="checkbox"
                    checked={checked}
                    disabled={!checked && selected.size >= max}
                    onChange={e => toggle(f.id, e.currentTarget.checked)}
                  />
                  <Avatar profile={f} size={24} />
                  <span className="truncate">{f.username}</span>
                </label>
              </li>
            );
          })}
        </ul>
      )}
    </fieldset>
  );
}
