import { useId, useRef, useState } from 'react';

type Props = {
  label: string;
  value: string;
  testId: string;
  multiline?: boolean;
};

type Status = 'idle' | 'copied' | 'select';

/**
 * A read-only field with a Copy button. The Clipboard API only exists on secure origins (a TV
 * dashboard on http://192.168.… has none), so when it is missing or refused the text is
 * selected and the person is told to press Ctrl+C.
 */
export function CopyField({ label, value, testId, multiline = false }: Props) {
  const id = useId();
  const field = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const [status, setStatus] = useState<Status>('idle');

  const selectField = () => {
    field.current?.focus();
    field.current?.select();
  };

  const copy = async () => {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(value);
      setStatus('copied');
    } catch {
      selectField();
      setStatus('select');
    }
  };

  const shared = {
    id,
    ref: field,
    value,
    readOnly: true,
    'data-testid': testId,
    onFocus: selectField,
    className: 'w-full min-w-0 rounded-md border border-border bg-bg px-[0.5em] py-[0.3em] font-mono text-[0.8em] text-fg',
  };

  return (
    <div className="flex flex-col gap-[0.3em]">
      <div className="flex items-center justify-between gap-[0.6em]">
        <label htmlFor={id} className="text-[0.85em] font-semibold text-muted">
          {label}
        </label>
        <span className="flex items-center gap-[0.5em]">
          <span role="status" className="text-[0.8em] text-muted">
            {status === 'copied' ? 'Copied' : status === 'select' ? 'Selected: press Ctrl+C (⌘C) to copy' : ''}
          </span>
          <button type="button" onClick={() => void copy()} className="rounded-md border border-accent px-[0.6em] py-[0.1em] text-[0.85em] text-accent hover:bg-accent/10">
            Copy
          </button>
        </span>
      </div>
      {multiline ? <textarea rows={4} {...shared} /> : <input type="text" {...shared} />}
    </div>
  );
}
