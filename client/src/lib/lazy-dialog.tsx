import {lazy, Suspense, useState, type ComponentType} from 'react';

/**
 * A dialog whose code loads the first time it opens, then stays mounted so
 * it closes itself properly (its `<dialog>` gives focus back on `close()`,
 * not on unmount). Same props as the dialog; nothing renders before that.
 */
export function lazyDialog<P extends {open: boolean}>(
  load: () => Promise<ComponentType<P>>,
): ComponentType<P> {
  const Dialog = lazy(async () => ({default: await load()}));
  return function LazyDialog(props: P) {
    const [opened, setOpened] = useState(props.open);
    if (props.open && !opened) setOpened(true);
    if (!opened && !props.open) return null;
    return (
      <Suspense fallback={null}>
        <Dialog {...props} />
      </Suspense>
    );
  };
}
