import { useEffect, useId, useState, type ReactNode } from 'react';

interface TextInputProps {
  label: string;
  value: string;
  /** Called with the new text on blur or Enter, when it changed. */
  onCommit: (value: string) => void;
  hint?: ReactNode;
  error?: string;
  readOnly?: boolean;
  multiline?: boolean;
  placeholder?: string;
  mono?: boolean;
  /** Called on every keystroke, for checks that run as the user types. */
  onInput?: (value: string) => void;
}

/**
 * A labelled text field that commits on blur or Enter, so that typing a
 * word makes one undo step instead of one per key.
 */
export function TextInput(props: TextInputProps) {
  const id = useId();
  const [text, setText] = useState(props.value);
  useEffect(() => setText(props.value), [props.value]);
  const commit = () => {
    if (text !== props.value) props.onCommit(text);
  };
  const shared = {
    id,
    value: text,
    readOnly: props.readOnly,
    placeholder: props.placeholder,
    className: props.mono ? 'mono' : undefined,
    'aria-invalid': props.error ? true : undefined,
    'aria-describedby': props.error || props.hint ? `${id}-hint` : undefined,
    onBlur: commit,
    onChange: (event: { target: { value: string } }) => {
      setText(event.target.value);
      props.onInput?.(event.target.value);
    },
  };
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      {props.multiline ? (
        <textarea rows={3} {...shared} />
      ) : (
        <input
          type="text"
          {...shared}
          onKeyDown={(event) => {
            if (event.key === 'Enter') commit();
            if (event.key === 'Escape') setText(props.value);
          }}
        />
      )}
      {(props.error || props.hint) && (
        <div
          id={`${id}-hint`}
          className={props.error ? 'field-error' : 'field-hint'}
        >
          {props.error ?? props.hint}
        </div>
      )}
    </div>
  );
}

interface NumberInputProps {
  label: string;
  value: number | undefined;
  onCommit: (value: number | undefined) => void;
  min?: number;
  hint?: ReactNode;
}

/** A number field that commits on blur or Enter; empty clears the value. */
export function NumberInput(props: NumberInputProps) {
  const id = useId();
  const shown = props.value === undefined ? '' : String(props.value);
  const [text, setText] = useState(shown);
  useEffect(() => setText(shown), [shown]);
  const parsed = text.trim() === '' ? undefined : Number(text);
  const invalid =
    parsed !== undefined &&
    (!Number.isFinite(parsed) ||
      (props.min !== undefined && parsed < props.min));
  const commit = () => {
    if (!invalid && parsed !== props.value) props.onCommit(parsed);
  };
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type="number"
        min={props.min}
        value={text}
        aria-invalid={invalid || undefined}
        aria-describedby={`${id}-hint`}
        onChange={(event) => setText(event.target.value)}
        onBlur={commit}
        onKeyDown={(event) => event.key === 'Enter' && commit()}
      />
      <div id={`${id}-hint`} className={invalid ? 'field-error' : 'field-hint'}>
        {invalid
          ? `Enter a number${props.min !== undefined ? ` of at least ${props.min}` : ''}, or leave it empty.`
          : props.hint}
      </div>
    </div>
  );
}

interface SelectInputProps<T extends string> {
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (value: T) => void;
  hint?: ReactNode;
}

export function SelectInput<T extends string>(props: SelectInputProps<T>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <select
        id={id}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value as T)}
      >
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {props.hint && <div className="field-hint">{props.hint}</div>}
    </div>
  );
}

export function Checkbox(props: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: string;
}) {
  const id = useId();
  return (
    <div className="canvas-checkbox">
      <input
        id={id}
        type="checkbox"
        checked={props.checked}
        onChange={(event) => props.onChange(event.target.checked)}
      />
      <label htmlFor={id}>{props.label}</label>
      {props.hint && <span className="field-hint">{props.hint}</span>}
    </div>
  );
}

/** Splits a comma-separated list, dropping empty entries. */
export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

/** Returns `list` with the item at `index` replaced, or removed when absent. */
export function replaceAt<T>(list: readonly T[], index: number, item?: T): T[] {
  const next = [...list];
  if (item === undefined) next.splice(index, 1);
  else next[index] = item;
  return next;
}
