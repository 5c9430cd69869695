import type { ApiError } from '../api';
import { Field, SelectField } from './fields';
import { APPLICANT_TYPES, DELIVERY_METHODS, ID_DOCUMENT_KINDS, PREFERRED_FORMS } from './labels';

/**
 * The applicant and what is asked (条例第二十九条): the same fields, labels and API body whether the
 * citizen fills the portal form or a clerk copies a paper application at the counter.
 */
export interface ApplicationValues {
  type: string;
  name: string;
  contactPerson: string;
  idKind: string;
  idNumber: string;
  phone: string;
  email: string;
  address: string;
  description: string;
  purpose: string;
  preferredForm: string;
  delivery: string;
}

export const EMPTY_APPLICATION: Omit<ApplicationValues, 'preferredForm' | 'delivery'> = {
  type: '自然人',
  name: '',
  contactPerson: '',
  idKind: '居民身份证',
  idNumber: '',
  phone: '',
  email: '',
  address: '',
  description: '',
  purpose: '',
};

const optional = (value: string) => (value.trim() ? value.trim() : undefined);

/** The request body's applicant, description, purpose, form and delivery, as the requests API takes them. */
export function applicationBody(values: ApplicationValues) {
  return {
    applicant: {
      type: values.type,
      name: values.name,
      contactPerson: values.type === '自然人' ? undefined : optional(values.contactPerson),
      idDocument: values.idNumber.trim() ? { kind: values.idKind, number: values.idNumber.trim() } : undefined,
      phone: optional(values.phone),
      email: optional(values.email),
      address: optional(values.address),
    },
    description: values.description,
    purpose: optional(values.purpose),
    preferredForm: values.preferredForm,
    delivery: values.delivery,
  };
}

interface FieldsetProps {
  values: ApplicationValues;
  update: (patch: Partial<ApplicationValues>) => void;
  error: ApiError | null;
  /** The citizen's own browser may fill in their details; a clerk's must not. */
  autoFill: boolean;
}

const textOf =
  ({ values, update }: Pick<FieldsetProps, 'values' | 'update'>) =>
  (key: keyof ApplicationValues) => ({
    value: values[key],
    onChange: (e: { target: { value: string } }) => update({ [key]: e.target.value }),
  });

/** 申请人: type, name (and contact person of an organisation), identity document, and at least one contact. */
export function ApplicantFieldset({ legend, ...props }: FieldsetProps & { legend: string }) {
  const { values, update, error, autoFill } = props;
  const text = textOf(props);
  const auto = (token: string) => (autoFill ? token : 'off');
  return (
    <fieldset>
      <legend>{legend}</legend>
      <SelectField
        label="申请人类型"
        name="applicant.type"
        error={error}
        required
        value={values.type}
        onChange={(type) => update({ type })}
        options={APPLICANT_TYPES}
      />
      <Field label={values.type === '自然人' ? '姓名' : '名称'} name="applicant.name" error={error} required>
        {(p) => <input {...p} {...text('name')} autoComplete={auto('name')} />}
      </Field>
      {values.type !== '自然人' ? (
        <Field label="联系人" name="applicant.contactPerson" error={error}>
          {(p) => <input {...p} {...text('contactPerson')} autoComplete={auto('name')} />}
        </Field>
      ) : null}
      <div className="row">
        <SelectField
          label="证件类型"
          name="applicant.idDocument.kind"
          error={error}
          value={values.idKind}
          onChange={(idKind) => update({ idKind })}
          options={ID_DOCUMENT_KINDS}
        />
        <Field label="证件号码" name="applicant.idDocument.number" error={error} hint="选填；仅用于核对身份，公开时隐去">
          {(p) => <input {...p} {...text('idNumber')} autoComplete="off" />}
        </Field>
      </div>
      <p className="hint">联系电话、电子邮箱、通信地址至少填写一项。</p>
      <Field label="联系电话" name="applicant.phone" apiField={['applicant.phone', 'applicant']} error={error}>
        {(p) => <input {...p} {...text('phone')} type="tel" autoComplete={auto('tel')} inputMode="tel" />}
      </Field>
      <Field label="电子邮箱" name="applicant.email" error={error}>
        {(p) => <input {...p} {...text('email')} type="email" autoComplete={auto('email')} />}
      </Field>
      <Field label="通信地址" name="applicant.address" error={error}>
        {(p) => <input {...p} {...text('address')} autoComplete={auto('street-address')} />}
      </Field>
    </fieldset>
  );
}

/** 所需信息: the description (Art. 29(2)), the purpose, and the form and way of obtaining the information. */
export function RequestedInformationFieldset({
  legend,
  descriptionHint,
  ...props
}: FieldsetProps & { legend: string; descriptionHint: string }) {
  const { values, update, error } = props;
  const text = textOf(props);
  return (
    <fieldset>
      <legend>{legend}</legend>
      <Field label="所需政府信息的名称、文号或便于查询的其他特征性描述" name="description" error={error} required hint={descriptionHint}>
        {(p) => <textarea {...p} {...text('description')} rows={5} />}
      </Field>
      <Field label="用途（选填）" name="purpose" error={error}>
        {(p) => <input {...p} {...text('purpose')} />}
      </Field>
      <div className="row">
        <SelectField
          label="信息的提供形式"
          name="preferredForm"
          error={error}
          required
          value={values.preferredForm}
          onChange={(preferredForm) => update({ preferredForm })}
          options={PREFERRED_FORMS}
        />
        <SelectField
          label="获取信息的方式"
          name="delivery"
          error={error}
          required
          value={values.delivery}
          onChange={(delivery) => update({ delivery })}
          options={DELIVERY_METHODS}
        />
      </div>
    </fieldset>
  );
}
