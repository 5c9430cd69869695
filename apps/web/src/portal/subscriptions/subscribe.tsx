import { type FormEvent, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { PILOT_DOMAINS, type UnitListView } from '@gongkai/contracts/vocabulary';
import { api, type ApiError } from '../../api';
import { asError, ErrorNotice, Field, Loading, Notice, PageTitle, useApi } from '../../ui';

/** 精准推送: subscribe by e-mail to a unit's or a domain's new publications; the Atom feeds of both. */
export function SubscribePage() {
  const [params] = useSearchParams();
  const units = useApi<UnitListView[]>('/api/catalogue/units');
  const [email, setEmail] = useState('');
  const [target, setTarget] = useState(
    params.get('domain') ? `domain:${params.get('domain')}` : params.get('unit') ? `unit:${params.get('unit')}` : '',
  );
  const [error, setError] = useState<ApiError | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const [kind, code] = target.split(':');
    try {
      const answer = await api<{ message: string }>('/api/catalogue/subscriptions', {
        method: 'POST',
        body: { email, ...(kind === 'unit' ? { unitId: code } : kind === 'domain' ? { domainCode: code } : {}) },
      });
      setMessage(answer.message);
    } catch (e) {
      setError(asError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <PageTitle lead="选择一个单位或一个领域，有新发布的政府信息时通过电子邮件通知您。邮箱仅用于发送订阅邮件，退订即删除。">
        订阅公开信息
      </PageTitle>
      {message ? <Notice kind="success">{message}</Notice> : null}
      <ErrorNotice error={error} title="订阅未成功，您填写的内容已保留" />
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <Field label="电子邮箱" name="email" error={error} required>
          {(p) => <input {...p} type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} />}
        </Field>
        <Field label="订阅内容" name="target" error={error} apiField={['unitId', 'domainCode']} required>
          {(p) => (
            <select {...p} value={target} onChange={(e) => setTarget(e.target.value)}>
              <option value="">请选择单位或领域</option>
              <optgroup label="领域">
                {PILOT_DOMAINS.map((d) => (
                  <option key={d.code} value={`domain:${d.code}`}>
                    {d.name}
                  </option>
                ))}
              </optgroup>
              <optgroup label="单位">
                {(units.data ?? []).map((u) => (
                  <option key={u.unitId} value={`unit:${u.unitId}`}>
                    {u.name}
                  </option>
                ))}
              </optgroup>
            </select>
          )}
        </Field>
        <button type="submit" className="primary" disabled={busy}>
          订阅
        </button>
      </form>
      {target ? (
        <p className="hint">
          也可以用阅读器订阅：
          <a href={`/api/catalogue/feeds/${target.startsWith('unit:') ? 'units' : 'domains'}/${encodeURIComponent(target.split(':')[1])}`}>
            Atom 订阅源
          </a>
        </p>
      ) : null}
    </>
  );
}

/** The e-mailed links land here: confirm a subscription, or unsubscribe with one click. */
export function SubscriptionLinkPage({ action }: { action: 'confirm' | 'unsubscribe' }) {
  const [params] = useSearchParams();
  const token = params.get('token');
  const [state, setState] = useState<{ done: string | null; error: ApiError | null }>({ done: null, error: null });
  useEffect(() => {
    if (!token) return;
    api<{ targetName?: string }>(`/api/catalogue/subscriptions/${action}?token=${encodeURIComponent(token)}`, { method: 'POST', body: {} })
      .then((answer) =>
        setState({
          done:
            action === 'confirm'
              ? `已确认订阅“${answer.targetName}”。有新发布的信息时，我们会发邮件通知您。`
              : '已退订，您的邮箱已删除，不会再收到本订阅的邮件。',
          error: null,
        }),
      )
      .catch((e: unknown) => setState({ done: null, error: asError(e) }));
  }, [action, token]);
  return (
    <>
      <PageTitle>{action === 'confirm' ? '确认订阅' : '退订'}</PageTitle>
      {!token ? <p className="muted">链接不完整，请从邮件中重新打开。</p> : null}
      {token && !state.done && !state.error ? <Loading what="订阅" /> : null}
      {state.done ? <Notice kind="success">{state.done}</Notice> : null}
      <ErrorNotice error={state.error} />
    </>
  );
}
