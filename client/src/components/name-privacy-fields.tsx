import {useState, type FormEvent} from 'react';
import {Button, TextField} from './ui.tsx';

type FieldsProps = {
  nameLabel: string;
  privateLabel: string;
  maxLength: number;
  defaultName?: string;
  defaultPrivate?: boolean;
  nameError?: string | undefined;
  autoFocus?: boolean;
};

/**
 * A room's or a server's name and "Private" box, as the create dialogs and
 * the settings forms ask for them (form fields `name` and `isPrivate`).
 */
export function NamePrivacyFields(props: FieldsProps) {
  return (
    <>
      <TextField
        label={props.nameLabel}
        name="name"
        required={props.defaultName === undefined}
        defaultValue={props.defaultName}
        maxLength={props.maxLength}
        error={props.nameError}
        autoFocus={props.autoFocus}
      />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="isPrivate" defaultChecked={props.defaultPrivate} /> {props.privateLabel}
      </label>
    </>
  );
}

/** Values from {@link NamePrivacyFields}. */
export function namePrivacyValues(form: FormData): {name: string; isPrivate: boolean} {
  return {name: String(form.get('name')), isPrivate: form.get('isPrivate') === 'on'};
}

/**
 * The settings section that renames a room or a server and sets whether it
 * is private. An empty (or too long) name is refused here, in words; the
 * rest (permissions) is the mutator's, which `onSave` runs.
 */
export function NamePrivacyForm({
  name,
  isPrivate,
  emptyError,
  tooLongError,
  saveLabel,
  onSave,
  ...labels
}: {
  name: string;
  isPrivate: boolean;
  nameLabel: string;
  privateLabel: string;
  maxLength: number;
  emptyError: string;
  tooLongError?: string;
  saveLabel: string;
  onSave: (values: {name: string; isPrivate: boolean}) => Promise<unknown>;
}) {
  const [nameError, setNameError] = useState<string>();
  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = namePrivacyValues(new FormData(e.currentTarget));
    const values = {...form, name: form.name.trim()};
    if (!values.name) return setNameError(emptyError);
    if (tooLongError && values.name.length > labels.maxLength) return setNameError(tooLongError);
    setNameError(undefined);
    await onSave(values);
  }
  return (
    // Keyed on the saved values, so a change from elsewhere resets the fields.
    <form onSubmit={onSubmit} className="flex flex-col gap-3" key={name + isPrivate}>
      <NamePrivacyFields {...labels} defaultName={name} defaultPrivate={isPrivate} nameError={nameError} />
      <div>
        <Button type="submit">{saveLabel}</Button>
      </div>
    </form>
  );
}
