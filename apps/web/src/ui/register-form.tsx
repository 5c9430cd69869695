import type { ReactNode } from 'react';
import type { UnitListView } from '@gongkai/contracts/vocabulary';
import type { Session } from '../api';
import { SelectField } from './fields';
import { ErrorNotice, Loading } from './notices';
import { Pager } from './page';
import { seesDistrict } from './roles';
import type { useServerList } from './server-list';

type ServerList = ReturnType<typeof useServerList>;

/**
 * The filter form of a register screen (`useServerList`): its fields, then 筛选 / 清除条件 / the
 * export of exactly the filtered rows, what was exported, the error and the loading notice.
 */
export function RegisterFilters({
  list,
  label,
  exportLabel,
  what,
  actions,
  children,
}: {
  list: ServerList;
  label: string;
  exportLabel: string;
  what: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <>
      <form onSubmit={list.apply} className="form filters" role="search" aria-label={label}>
        {children}
        <p className="actions">
          {actions}
          <button type="submit" className="primary">
            筛选
          </button>{' '}
          <button type="button" onClick={list.reset}>
            清除条件
          </button>{' '}
          <button type="button" onClick={() => void list.exportRows()} disabled={!list.result || list.result.total === 0}>
            {exportLabel}
          </button>
        </p>
      </form>
      {list.exported ? (
        <p role="status" className="muted">
          已导出：{list.exported}
        </p>
      ) : null}
      <ErrorNotice error={list.error} />
      {list.loading ? <Loading what={what} /> : null}
    </>
  );
}

/** The text box of a register (`q`). */
export function RegisterTextBox({ list, id, placeholder }: { list: ServerList; id: string; placeholder: string }) {
  return (
    <div className="field">
      <label htmlFor={id}>全文检索</label>
      <input id={id} type="search" value={list.draft.q ?? ''} onChange={(e) => list.set('q')(e.target.value)} placeholder={placeholder} />
    </div>
  );
}

/** The unit filter, for the readers of the whole district only (`unitId`; empty: 全区). */
export function RegisterUnitFilter({ list, session, units }: { list: ServerList; session: Session; units: UnitListView[] | null }) {
  if (!seesDistrict(session)) return null;
  return (
    <SelectField
      label="单位"
      name="unitId"
      value={list.draft.unitId ?? ''}
      onChange={list.set('unitId')}
      placeholder="全区"
      options={(units ?? []).map((u) => [u.unitId, u.name] as const)}
    />
  );
}

/** Check boxes of a comma-separated filter (`flag=overdue,open`). */
export function RegisterChoices({
  list,
  name,
  legend,
  options,
}: {
  list: ServerList;
  name: string;
  legend: string;
  options: [string, string][];
}) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {options.map(([value, label]) => (
        <label key={value} className="choice">
          <input
            type="checkbox"
            name={name}
            value={value}
            checked={(list.chosen[name] ?? []).includes(value)}
            onChange={(e) => list.toggle(name, value, e.target.checked)}
          />{' '}
          {label}
        </label>
      ))}
    </fieldset>
  );
}

/** Inputs of a register's filters by key: `[key, label, type]`. */
export function RegisterInputs({
  list,
  prefix,
  fields,
}: {
  list: ServerList;
  prefix: string;
  fields: [string, string, 'text' | 'date'][];
}) {
  return (
    <>
      {fields.map(([key, label, type]) => (
        <div className="field" key={key}>
          <label htmlFor={`${prefix}-${key}`}>{label}</label>
          <input id={`${prefix}-${key}`} type={type} value={list.draft[key] ?? ''} onChange={(e) => list.set(key)(e.target.value)} />
        </div>
      ))}
    </>
  );
}

/** Select filters by key: `[key, label, options]` ("全部" for none). */
export function RegisterSelects({
  list,
  fields,
}: {
  list: ServerList;
  fields: [string, string, readonly (string | readonly [string, string])[]][];
}) {
  return (
    <>
      {fields.map(([key, label, options]) => (
        <SelectField
          key={key}
          label={label}
          name={key}
          value={list.draft[key] ?? ''}
          onChange={list.set(key)}
          placeholder="全部"
          options={options}
        />
      ))}
    </>
  );
}

/** The result of a register: 共 n 件, the rows (`children`, or `empty` when none), the pages. */
export function RegisterResult({
  list,
  unit,
  testId,
  empty,
  children,
}: {
  list: ServerList;
  unit: string;
  testId: string;
  empty: string;
  children: ReactNode;
}) {
  if (!list.result) return null;
  return (
    <>
      <p role="status" data-testid={testId}>
        共 {list.result.total} {unit}
      </p>
      {list.result.rows.length === 0 ? <p className="muted">{empty}</p> : children}
      <Pager page={list.page} total={list.result.total} pageSize={list.pageSize} onPage={list.goTo} />
    </>
  );
}

/** The sort of a register (`sort`; the first option by default). */
export function RegisterSort({ list, options }: { list: ServerList; options: [string, string][] }) {
  return (
    <SelectField
      label="排序"
      name="sort"
      value={list.draft.sort || (options[0]?.[0] ?? '')}
      onChange={list.set('sort')}
      options={options}
    />
  );
}
