import { ActionForm, Field, TABLE2_FIELDS, TABLE2_HAND_ENTERED_FIELDS, useForm, type Form } from '../../ui';

type Narrative = { overview?: string; problemsAndImprovements?: string; otherMatters?: string };

/** `GET /api/requests/reports/annual/:unitId/:year` (staff): the live figures, whether finalised (and which version), the saved draft. */
export interface LiveReport {
  unitId: string;
  unitName: string;
  year: number;
  tables: { title: string; rows: (string | number)[][] }[];
  table2: Record<string, number>;
  narrative?: Narrative;
  balanced: boolean;
  finalised: boolean;
  version?: number;
  draft?: { table2: Record<string, number>; narrative?: Narrative } | null;
}

/** Table 2 rows the unit enters itself (the document rows are counted from the document register). */
const HAND_ENTERED: [string, string][] = TABLE2_HAND_ENTERED_FIELDS.map((key) => [key, TABLE2_FIELDS[key]]);

const NARRATIVE: [keyof Narrative, string, number][] = [
  ['overview', '一、总体情况', 4],
  ['problemsAndImprovements', '五、存在的主要问题及改进情况', 4],
  ['otherMatters', '六、其他需要报告的事项', 3],
];

type Values = Record<string, string>;

/** The form's values from a saved draft or the current version: numbers as typed text, blank when not entered. */
function valuesOf(table2: Record<string, number> | undefined, narrative: Narrative | undefined): Values {
  return {
    ...Object.fromEntries(HAND_ENTERED.map(([key]) => [key, typeof table2?.[key] === 'number' ? String(table2[key]) : ''])),
    ...Object.fromEntries(NARRATIVE.map(([key]) => [key, narrative?.[key] ?? ''])),
  };
}

/** The body the finalise, draft and correct routes take: the entered rows (blank left out) and the narrative. */
function bodyOf(form: Values) {
  const numbers = Object.fromEntries(HAND_ENTERED.filter(([key]) => form[key] !== '').map(([key]) => [key, Number(form[key])]));
  return { ...numbers, narrative: Object.fromEntries(NARRATIVE.map(([key]) => [key, form[key]])) };
}

/** The hand-entered Table 2 rows and the narrative sections, shared by the finalise and the correction forms. */
function ReportFields({ form }: { form: Form }) {
  const values = form.values as Values;
  return (
    <>
      {HAND_ENTERED.map(([key, label]) => (
        <Field key={key} label={label} name={key} error={form.error}>
          {(p) => <input {...p} inputMode="decimal" value={values[key]} onChange={(e) => form.update({ [key]: e.target.value })} />}
        </Field>
      ))}
      {NARRATIVE.map(([key, label, rows]) => (
        <Field key={key} label={label} name={key} apiField={`narrative.${key}`} error={form.error}>
          {(p) => <textarea {...p} rows={rows} value={values[key]} onChange={(e) => form.update({ [key]: e.target.value })} />}
        </Field>
      ))}
    </>
  );
}

/** Before finalising: save a draft (the home page then says 草稿) or finalise and publish. Opens with the saved draft. */
export function FinaliseForm({ base, report, onDone }: { base: string; report: LiveReport; onDone: () => void }) {
  const finalise = useForm(`annual.${report.unitId}.${report.year}`, valuesOf(report.draft?.table2, report.draft?.narrative), { onDone });
  const values = finalise.values as Values;
  return (
    <form
      className="form card"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void finalise.run(`${base}/finalise`, 'POST', bodyOf(values), '年度报告已定稿，并已在门户网站公布。', finalise.clear);
      }}
    >
      <h2>定稿并公布</h2>
      <p className="muted">年度结束后方可定稿；定稿前可随时保存草稿，首页的报送期限显示为“草稿”。</p>
      <ReportFields form={finalise} />
      {finalise.feedback('未保存，您填写的内容已保留')}
      <div className="actions">
        <button type="button" onClick={() => void finalise.run(`${base}/draft`, 'POST', bodyOf(values), '草稿已保存。')}>
          保存草稿
        </button>
        <button type="submit" className="primary">
          定稿并公布
        </button>
      </div>
    </form>
  );
}

/**
 * A published report corrected by the office head with a reason (a new version; the portal shows it
 * and says it was corrected; the earlier version stays in the decision record). Opens with the current
 * version's rows and narrative; the tables are counted again from the records.
 */
export function CorrectionForm({ base, report, onDone }: { base: string; report: LiveReport; onDone: () => void }) {
  const correct = useForm(
    `annual-correct.${report.unitId}.${report.year}.${report.version ?? 1}`,
    {
      ...valuesOf(report.table2, report.narrative),
      reason: '',
    },
    { onDone },
  );
  const values = correct.values as Values;
  return (
    <details className="step card">
      <summary>更正已公布的年度报告</summary>
      <ActionForm
        action={correct}
        failure="未更正，您填写的内容已保留"
        submitLabel="更正并公布"
        onSubmit={() =>
          void correct.run(
            `${base}/correct`,
            'POST',
            { ...bodyOf(values), reason: values.reason },
            '年度报告已更正，门户网站显示更正后的版本并注明更正情况。',
            correct.clear,
          )
        }
      >
        <p className="muted">
          更正生成新版本：表三、表四按当前办理记录重新统计；门户网站显示更正后的版本、更正日期和理由，原版本保留在决定记录中。
        </p>
        <Field label="更正理由" name="reason" error={correct.error} required hint="至少 5 个字，在门户网站公布">
          {(p) => <textarea {...p} rows={2} value={values.reason} onChange={(e) => correct.update({ reason: e.target.value })} />}
        </Field>
        <ReportFields form={correct} />
      </ActionForm>
    </details>
  );
}
