import { type ReactNode, useId } from 'react';
import type { ItemContentView } from '@gongkai/contracts/vocabulary';
import { ApiError, type FieldError } from '../../api';
import { CHANNELS } from './catalogue';

export interface ItemForm {
  source: string;
  domainCode: string;
  firstLevel: string;
  secondLevel: string;
  content: string;
  legalBases: string;
  timeLimit: string;
  subject: string;
  method: string;
  channels: string[];
  channelOther: string;
  audienceKind: string;
  audienceDetail: string;
  level: string;
  stage: string;
  reviseReason: string;
  withdrawReason: string;
}

export const EMPTY_FORM: ItemForm = {
  source: 'new',
  domainCode: '',
  firstLevel: '',
  secondLevel: '',
  content: '',
  legalBases: '',
  timeLimit: '',
  subject: '',
  method: '',
  channels: [],
  channelOther: '',
  audienceKind: '',
  audienceDetail: '',
  level: '',
  stage: '',
  reviseReason: '',
  withdrawReason: '',
};

export function formOf(itemId: string, c: ItemContentView): Partial<ItemForm> {
  return {
    source: itemId,
    domainCode: c.domainCode,
    firstLevel: c.firstLevel ?? '',
    secondLevel: c.secondLevel ?? '',
    content: c.content ?? '',
    legalBases: c.legalBases.map((b) => `《${b.law}》${b.article ?? ''}`).join('\n'),
    timeLimit: c.timeLimit?.text ?? '',
    subject: c.subject ?? '',
    method: c.method ?? '',
    channels: c.channels.map((ch) => ch.channel),
    channelOther: c.channels.find((ch) => ch.channel === '其他')?.other ?? '',
    audienceKind: c.audience?.kind ?? '',
    audienceDetail: c.audience?.detail ?? '',
    level: c.level ?? '',
    stage: c.stage ?? '',
  };
}

export const NEW_KEY = 'gongkai.draft.catalogue.item.new';
const blank = (s: string) => (s.trim() === '' ? undefined : s.trim());

/** The form as the API's item content: empty fields are left out (a draft may lack elements). */
export function contentOf(f: ItemForm) {
  const legalBases = f.legalBases
    .split(/[；;\n]+/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const match = /^《(.+?)》\s*(.*)$/.exec(part);
      if (!match) return { law: part };
      return match[2].trim() ? { law: match[1].trim(), article: match[2].trim() } : { law: match[1].trim() };
    });
  const limit = f.timeLimit.trim();
  const working = /(\d+)\s*个?工作日/.exec(limit);
  const calendar = /(\d+)\s*(?:个)?(?:自然)?日内/.exec(limit);
  const rule = working
    ? { kind: 'working_days_after_formation', days: Number(working[1]) }
    : calendar
      ? { kind: 'calendar_days_after_formation', days: Number(calendar[1]) }
      : null;
  return {
    domainCode: blank(f.domainCode),
    firstLevel: blank(f.firstLevel),
    secondLevel: blank(f.secondLevel),
    content: blank(f.content),
    legalBases,
    timeLimit: limit ? { text: limit, rule } : undefined,
    subject: blank(f.subject),
    method: blank(f.method),
    channels: CHANNELS.filter((c) => f.channels.includes(c)).map((channel) =>
      channel === '其他' && blank(f.channelOther) ? { channel, other: f.channelOther.trim() } : { channel },
    ),
    audience: f.audienceKind
      ? { kind: f.audienceKind, ...(blank(f.audienceDetail) ? { detail: f.audienceDetail.trim() } : {}) }
      : undefined,
    level: blank(f.level),
    stage: blank(f.stage),
  };
}

/** Element names of ITEM_ELEMENTS_MISSING → the form field and what to tell the clerk there. */
const ELEMENT_FIELDS: [string, string, string][] = [
  ['名称', 'secondLevel', '发布前须填写事项名称（二级事项）'],
  ['内容', 'content', '发布前须填写公开内容（要素）'],
  ['依据', 'legalBases', '发布前须填写公开依据'],
  ['时限', 'timeLimit', '发布前须填写公开时限'],
  ['主体', 'subject', '发布前须填写公开主体'],
  ['方式', 'method', '发布前须选择公开方式'],
  ['渠道（', 'channelOther', '选择了“其他”渠道，请注明具体渠道'],
  ['渠道', 'channels', '发布前须至少选择一个公开渠道和载体'],
  ['公开对象', 'audience', '发布前须选择公开对象'],
];
const GROUPED = ['legalBases', 'timeLimit', 'channels', 'audience'];

/** The API's field paths (`content.timeLimit.text`, `channels.12.other`) → this form's fields; missing elements become field errors. */
export function forForm(error: ApiError): ApiError {
  const errors: FieldError[] = error.errors.map((e) => {
    const parts = e.field.replace(/^content\./, '').split('.');
    if (parts[0] === 'channels' && parts[2] === 'other') return { ...e, field: 'channelOther' };
    return { ...e, field: GROUPED.includes(parts[0]) ? parts[0] : parts.join('.') };
  });
  const missing = Array.isArray(error.extensions.missing) ? (error.extensions.missing as string[]) : [];
  for (const element of missing) {
    const match = ELEMENT_FIELDS.find(([name]) => element.startsWith(name));
    if (match) errors.push({ field: match[1], code: 'element_missing', message: match[2] });
  }
  return new ApiError(error.status, error.code, error.detail, errors, error.extensions);
}

/** A group of checkboxes or radios with its legend and, next to it, the API's error for it. */
export function ChoiceGroup({
  legend,
  error,
  field,
  hint,
  required,
  children,
}: {
  legend: string;
  error: ApiError | null;
  field: string;
  hint?: string;
  required?: boolean;
  children: ReactNode;
}) {
  const id = useId();
  const message = error?.fieldMessage(field);
  const describedBy = [hint ? `${id}-hint` : null, message ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset
      className={`choice-group${message ? ' field-invalid' : ''}`}
      aria-describedby={describedBy}
      aria-invalid={message ? true : undefined}
      data-field={field}
    >
      <legend>
        {legend}
        {required ? (
          <span className="required" aria-hidden="true">
            {' '}
            *
          </span>
        ) : null}
      </legend>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {children}
      {message ? (
        <p className="field-error" id={`${id}-error`}>
          {message}
        </p>
      ) : null}
    </fieldset>
  );
}
