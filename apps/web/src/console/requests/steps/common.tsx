/**
 * The handling steps of a disclosure request (依申请公开) on the staff case page: each step's form
 * (`POST /api/requests/:requestId/<action>`), offered only in the statuses and to the roles the
 * decider accepts it from (libs/requests/src/domain/request.decide.ts), next to the facts it creates.
 * This module holds what the steps share; each step group has its own file beside it.
 */
import { type ReactNode, useState } from 'react';
import type { RequestDetailView } from '@gongkai/contracts/vocabulary';
import type { FieldProps } from '../../../ui';

export type Case = RequestDetailView;
export interface StepProps {
  v: Case;
  reload: (result?: unknown) => unknown;
}

export const actionPath = (v: Case, action: string) => `/api/requests/${encodeURIComponent(v.requestId)}/${action}`;
/** A number field's value for the API: blank is left out (the API says it is required), anything else sent as typed. */
export const numberOrBlank = (value: string) => (value.trim() === '' ? undefined : Number(value));
export const optionalText = (value: string) => value.trim() || undefined;
/**
 * The id of a new consultation or task: made on the first submission and kept with the typing, so
 * sending again after an error cannot open a second one.
 */
export const keptId = (current: string, prefix: string, keep: (id: string) => void) => {
  if (current) return current;
  const id = `${prefix}${Date.now().toString(36).toUpperCase()}`;
  keep(id);
  return id;
};
/** An optional step folded behind its name, so the page stays short; it stays mounted (typing and errors kept) while folded. */
export function Step({ title, initiallyOpen = false, children }: { title: string; initiallyOpen?: boolean; children: ReactNode }) {
  const [open, setOpen] = useState(initiallyOpen);
  return (
    <details className="step" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{title}</summary>
      {children}
    </details>
  );
}

/** The props `Field` gives its control. */
type ControlProps = Parameters<FieldProps['children']>[0];

/** A whole-number control (working days, items): typed as text, sent with `numberOrBlank`. */
export const numberInput = (p: ControlProps, value: string, onChange: (value: string) => void, min = 1, max?: number) => (
  <input {...p} type="number" inputMode="numeric" min={min} max={max} value={value} onChange={(e) => onChange(e.target.value)} />
);

/** A date control (YYYY-MM-DD). */
export const dateInput = (p: ControlProps, value: string, onChange: (value: string) => void) => (
  <input {...p} type="date" value={value} onChange={(e) => onChange(e.target.value)} />
);

export function Facts({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <dl className="kv-list" data-testid={testId}>
      {children}
    </dl>
  );
}

export function Fact({ term, children, testId }: { term: string; children: ReactNode; testId?: string }) {
  return (
    <>
      <dt>{term}</dt>
      <dd data-testid={testId}>{children}</dd>
    </>
  );
}
