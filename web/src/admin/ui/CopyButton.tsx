// A button that puts text on the clipboard and says, aloud too, whether it
// did. The clipboard needs a secure context (HTTPS or localhost): elsewhere
// the button says so, and the text stays on screen to select by hand.
import '../styles/copy.css';

import { useEffect, useState } from 'react';

import { Button, type ButtonProps } from './Button';

/** How long "Copied" stays before the button reads as before. */
const CONFIRM_MS = 2500;

export function CopyButton({
  text,
  children = 'Copy',
  size = 'sm',
  variant = 'secondary',
  ...props
}: Omit<ButtonProps, 'onPress' | 'children'> & { text: string; children?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state !== 'copied') return;
    const timer = setTimeout(() => setState('idle'), CONFIRM_MS);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = () => {
    // Undefined outside a secure context, whatever the types say.
    const clipboard = navigator.clipboard as Clipboard | undefined;
    if (!clipboard) {
      setState('failed');
      return;
    }
    clipboard.writeText(text).then(
      () => setState('copied'),
      () => setState('failed'),
    );
  };

  return (
    <span className="copy">
      <Button {...props} size={size} variant={variant} onPress={copy}>
        {state === 'copied' ? 'Copied' : children}
      </Button>
      <span role="status" className={state === 'failed' ? 'copy-failed' : 'visually-hidden'}>
        {state === 'copied'
          ? 'Copied to the clipboard.'
          : state === 'failed'
            ? 'The browser would not copy it: select the text and copy it yourself.'
            : ''}
      </span>
    </span>
  );
}
