import {
  ActionForm,
  CASE_CONFLICT,
  CHALLENGE_KIND_LABELS,
  CHALLENGE_OUTCOME_LABELS,
  CHALLENGE_PARTY_LABELS,
  CHALLENGE_SUBJECT_LABELS,
  Field,
  onField,
  SelectField,
  shanghaiToday,
  useForm,
} from '../../../ui';
import { actionPath, type Case, dateInput, keptId, Step, type StepProps } from './common';

// ── 行政复议、行政诉讼（表四）：在申请的任何状态下均可登记 ────────────────────────

/** Replies that decide to disclose (a third party may challenge them): as the decider's SUPPLIES_INFORMATION. */
const DISCLOSES = new Set(['disclose', 'partial']);

/**
 * What a challenge of this party is against, as the decider derives it: the applicant's against the
 * reply once there is one, otherwise against the failure to reply in time; a third party's against the
 * decision to disclose.
 */
const subjectOf = (v: Case, party: string) => (party === 'third_party' ? 'disclosure' : v.reply ? 'reply' : 'no_reply');

function FileChallengeForm({ v, reload }: StepProps) {
  const file = useForm(
    `request.challenge.${v.requestId}`,
    { challengeId: '', kind: 'reconsideration', party: 'applicant', filedOn: shanghaiToday(), body: '' },
    {
      onDone: reload,
      toForm: onField({
        DATE_IN_FUTURE: 'filedOn',
        DATE_BEFORE_RECEIPT: 'filedOn',
        DATE_BEFORE_REPLY: 'filedOn',
        CHALLENGE_PARTY_MISMATCH: 'party',
        NO_DISCLOSURE_DECISION: 'party',
        NO_REPLY_YET: 'party',
      }),
      revision: v.revision,
      conflict: CASE_CONFLICT,
    },
  );
  const { values: form, update, clear } = file;
  const disclosed = Boolean(v.draft && DISCLOSES.has(v.draft.category));
  const parties = Object.entries(CHALLENGE_PARTY_LABELS).filter(([code]) => code === 'applicant' || disclosed);
  return (
    <ActionForm
      action={file}
      failure="未登记，您填写的内容已保留"
      submitLabel="登记复议或诉讼"
      onSubmit={() => {
        const challengeId = keptId(form.challengeId, 'CH', (id) => update({ challengeId: id }));
        void file.run(
          actionPath(v, 'challenges'),
          'POST',
          { challengeId, kind: form.kind, filedOn: form.filedOn, body: form.body, party: form.party, against: subjectOf(v, form.party) },
          '已登记行政复议或行政诉讼，计入年度报告表四。',
          clear,
        );
      }}
    >
      <div className="row">
        <SelectField
          label="类别"
          name="kind"
          error={file.error}
          required
          options={Object.entries(CHALLENGE_KIND_LABELS)}
          value={form.kind}
          onChange={(kind) => update({ kind })}
        />
        <SelectField
          label="提起人"
          name="party"
          error={file.error}
          required
          hint={`针对：${CHALLENGE_SUBJECT_LABELS[subjectOf(v, form.party)]}`}
          options={parties}
          value={form.party}
          onChange={(party) => update({ party })}
        />
      </div>
      <div className="row">
        <Field label="申请复议或起诉日期" name="filedOn" error={file.error} required>
          {(p) => dateInput(p, form.filedOn, (filedOn) => update({ filedOn }))}
        </Field>
        <Field label="复议机关或人民法院" name="body" error={file.error} required>
          {(p) => <input {...p} value={form.body} onChange={(e) => update({ body: e.target.value })} />}
        </Field>
      </div>
    </ActionForm>
  );
}

function DecideChallengeForm({ v, reload, pending }: StepProps & { pending: Case['challenges'] }) {
  const decide = useForm(
    `request.challenge-decision.${v.requestId}`,
    { challengeId: '', outcome: '', decidedOn: shanghaiToday() },
    { onDone: reload, toForm: onField({ DATE_IN_FUTURE: 'decidedOn' }), revision: v.revision, conflict: CASE_CONFLICT },
  );
  const { values: form, update, clear } = decide;
  const challengeId = form.challengeId || pending[0].challengeId;
  return (
    <ActionForm
      action={decide}
      failure="未登记，您填写的内容已保留"
      submitLabel="登记审结结果"
      onSubmit={() =>
        void decide.run(
          actionPath(v, 'challenge-decision'),
          'POST',
          { challengeId, outcome: form.outcome || undefined, decidedOn: form.decidedOn },
          '已登记复议决定或判决结果。',
          clear,
        )
      }
    >
      <div className="row">
        <SelectField
          label="复议或诉讼"
          name="challengeId"
          error={decide.error}
          required
          options={pending.map((c) => [c.challengeId, `${CHALLENGE_KIND_LABELS[c.kind] ?? c.kind}（${c.filedOn}，${c.body}）`])}
          value={challengeId}
          onChange={(id) => update({ challengeId: id })}
        />
        <SelectField
          label="结果"
          name="outcome"
          error={decide.error}
          required
          placeholder="请选择"
          options={Object.entries(CHALLENGE_OUTCOME_LABELS)}
          value={form.outcome}
          onChange={(outcome) => update({ outcome })}
        />
        <Field label="审结日期" name="decidedOn" error={decide.error} required>
          {(p) => dateInput(p, form.decidedOn, (decidedOn) => update({ decidedOn }))}
        </Field>
      </div>
    </ActionForm>
  );
}

/**
 * Reconsiderations and lawsuits about the request, in any state: against no reply in time (open or
 * overdue cases), the reply, or by a third party against a decision to disclose. Each counts in Table 4.
 */
export function ChallengesSection({ v, reload, handles }: StepProps & { handles: boolean }) {
  const pending = v.challenges.filter((c) => !c.outcome);
  return (
    <section aria-labelledby="challenges-heading" className="card">
      <h2 id="challenges-heading">行政复议、行政诉讼</h2>
      {v.challenges.length ? (
        <ul className="facts-list" data-testid="challenges">
          {v.challenges.map((c) => (
            <li key={c.challengeId}>
              <strong>{CHALLENGE_KIND_LABELS[c.kind] ?? c.kind}</strong>{' '}
              <span className={`badge ${c.outcome ? '' : 'badge-warn'}`}>
                {c.outcome ? `${CHALLENGE_OUTCOME_LABELS[c.outcome] ?? c.outcome}（${c.decidedOn ?? ''}）` : '尚未审结'}
              </span>
              <p className="meta">
                {c.filedOn} · {c.body} · {CHALLENGE_PARTY_LABELS[c.party ?? 'applicant']}针对
                {CHALLENGE_SUBJECT_LABELS[c.against ?? 'reply']}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">尚未登记行政复议或行政诉讼。申请未按期答复、已答复或决定公开后，均可登记。</p>
      )}
      {handles ? (
        <>
          <Step title="登记行政复议或行政诉讼">
            <FileChallengeForm v={v} reload={reload} />
          </Step>
          {pending.length ? (
            <>
              <h3 className="step-heading">登记复议决定或判决结果</h3>
              <DecideChallengeForm v={v} reload={reload} pending={pending} />
            </>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
