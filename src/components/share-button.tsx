import { lazy, Suspense, useRef, useState } from 'react';
import type { Website } from '../api/websites-schema';
import type { ShareView } from '../lib/embed-url';

// Loaded on the first click: a wall display never opens it, and the totals' first chunk stays small.
const SharePanel = lazy(() => import('./share-panel').then((m) => ({ default: m.SharePanel })));

type Props = {
  websites: Website[];
  initial: ShareView;
  base: string;
  embedScriptSrc: string;
};

/** The header button that opens "Share this view". The panel starts from the current view each time. */
export function ShareButton(props: Props) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    // The dialog unmounts rather than closes, so focus is handed back by hand.
    button.current?.focus();
  };
  return (
    <>
      <button
        ref={button}
        type="button"
        data-testid="share-button"
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
        className="rounded-md border border-border px-[0.7em] py-[0.15em] text-[0.8em] text-fg hover:border-accent hover:text-accent"
      >
        Share
      </button>
      {open && (
        <Suspense fallback={null}>
          <SharePanel {...props} onClose={close} />
        </Suspense>
      )}
    </>
  );
}
