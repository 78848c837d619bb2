import {useState, type FormEvent} from 'react';
import {formError, type FormError} from '../lib/api.ts';

/**
 * A form's submit handler around `action`: it gets the form's data, the form
 * is busy while it runs, and what it throws becomes `error` (a message, and
 * one per field for problems that name fields) until the next attempt.
 */
export function useFormAction(action: (form: FormData) => Promise<void>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<FormError>();
  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(undefined);
    try {
      await action(form);
    } catch (err) {
      setError(formError(err));
    } finally {
      setBusy(false);
    }
  }
  return {busy, error, onSubmit};
}
