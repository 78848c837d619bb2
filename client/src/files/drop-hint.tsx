import {msg} from '../i18n/index.ts';

/** Over an area while files are held above it: dropping attaches them. */
export function DropHint() {
  return (
    <div className="pointer-events-none absolute inset-1 z-30 flex items-center justify-center rounded-lg border-2 border-dashed border-brand bg-surface/90 text-sm font-medium text-brand">
      {msg.messages.composer.dropFiles}
    </div>
  );
}
