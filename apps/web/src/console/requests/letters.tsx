import { useState } from 'react';
import { ApiError, download } from '../../api';
import { asError, ErrorNotice, Notice } from '../../ui';
import type { Case } from './steps/common';

const LETTERS: [kind: string, label: string, applies: (v: Case) => boolean][] = [
  ['reply', '政府信息公开申请答复书', (v) => v.reply !== null],
  ['correction', '补正申请告知书', (v) => v.correction !== null],
  ['extension', '延期答复告知书', (v) => v.extension !== null],
  ['consultation', '意见征询函（第三方或共同制作机关）', (v) => v.consultations.some((c) => c.kind !== 'agency')],
  ['fee', '收费通知', (v) => v.fee !== null],
  ['third-party-notice', '政府信息公开决定告知书（第三方）', (v) => v.consultations.some((c) => Boolean(c.disclosureNotice))],
  ['reasons', '说明理由通知书', (v) => Boolean(v.reasons)],
  ['deferral', '延迟答复告知书', (v) => Boolean(v.deferral)],
  ['termination', '终止办理告知书', (v) => Boolean(v.closedOn) && (v.category === 'other.no_correction' || v.category === 'other.unpaid')],
];

/** The .docx letters of the steps the case has been through. */
export function CaseLetters({ request: v }: { request: Case }) {
  const [error, setError] = useState<ApiError | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const letters = LETTERS.filter(([, , applies]) => applies(v));
  const fetchLetter = async (kind: string) => {
    setError(null);
    setMessage(null);
    try {
      setMessage(`已下载：${await download(`/api/requests/${encodeURIComponent(v.requestId)}/letters/${kind}`)}`);
    } catch (e) {
      setError(asError(e));
    }
  };
  if (letters.length === 0) return null;
  return (
    <section aria-labelledby="letters-heading" className="card">
      <h2 id="letters-heading">文书下载（.docx）</h2>
      <ul className="letters">
        {letters.map(([kind, label]) => (
          <li key={kind}>
            <button type="button" onClick={() => void fetchLetter(kind)}>
              下载{label}
            </button>
          </li>
        ))}
      </ul>
      {message ? <Notice kind="success">{message}</Notice> : null}
      <ErrorNotice error={error} title="未能下载" />
    </section>
  );
}
