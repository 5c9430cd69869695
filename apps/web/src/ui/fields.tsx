import { type ReactNode, useId } from 'react';
import type { ApiError } from '../api';

export interface FieldProps {
  label: string;
  name: string;
  error?: ApiError | null;
  /** API field path(s) whose errors belong to this field. */
  apiField?: string | string[];
  hint?: string;
  required?: boolean;
  children: (props: { id: string; name: string; 'aria-invalid': boolean; 'aria-describedby'?: string; required?: boolean }) => ReactNode;
}

/** A labelled form control with its hint and, next to it, the API's error for that field. */
export function Field({ label, name, error, apiField, hint, required, children }: FieldProps) {
  const id = useId();
  const fields = apiField === undefined ? [name] : Array.isArray(apiField) ? apiField : [apiField];
  const message = error ? fields.map((f) => error.fieldMessage(f)).find(Boolean) : undefined;
  const describedBy = [hint ? `${id}-hint` : null, message ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${message ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required ? (
          <span className="required" aria-hidden="true">
            {' '}
            *
          </span>
        ) : null}
      </label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {children({ id, name, 'aria-invalid': Boolean(message), 'aria-describedby': describedBy, required })}
      {message ? (
        <p className="field-error" id={`${id}-error`}>
          {message}
        </p>
      ) : null}
    </div>
  );
}

type Option = string | readonly [value: string, label: string];
const optionPair = (option: Option): readonly [string, string] => (typeof option === 'string' ? [option, option] : option);

/** Radio buttons for options (values, or [value, label] pairs); the caller gives the fieldset and its legend. */
export function RadioOptions({
  name,
  options,
  value,
  onChange,
}: {
  name: string;
  options: readonly Option[];
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <>
      {options.map(optionPair).map(([optionValue, label]) => (
        <label key={optionValue} className="choice">
          <input type="radio" name={name} value={optionValue} checked={value === optionValue} onChange={() => onChange(optionValue)} />{' '}
          {label}
        </label>
      ))}
    </>
  );
}

/** A labelled select: options are values, or [value, label] pairs; `placeholder` adds an empty first choice. */
export function SelectField({
  options,
  value,
  onChange,
  placeholder,
  ...field
}: Omit<FieldProps, 'children'> & { options: readonly Option[]; value: string; onChange: (value: string) => void; placeholder?: string }) {
  return (
    <Field {...field}>
      {(p) => (
        <select {...p} value={value} onChange={(e) => onChange(e.target.value)}>
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          {options.map(optionPair).map(([optionValue, label]) => (
            <option key={optionValue} value={optionValue}>
              {label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
