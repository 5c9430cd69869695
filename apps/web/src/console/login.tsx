import type { FormEvent, ReactNode } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { readsDistrict, ROLE_LABELS, SIGN_IN_ROLES, type SignInRole, type UnitListView } from '@gongkai/contracts/vocabulary';
import { api, loadSession, saveSession, type Session } from '../api';
import { ErrorNotice, Field, PageTitle, SelectField, useApi, useForm } from '../ui';

export function RequireLogin({ children }: { children: (session: Session) => ReactNode }) {
  const session = loadSession();
  if (!session) return <Navigate to={`/console/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <>{children(session)}</>;
}

export function LoginPage({ onLogin }: { onLogin: (s: Session) => void }) {
  const units = useApi<UnitListView[]>('/api/catalogue/units');
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const login = useForm('login', { userId: '', name: '', role: 'clerk' as SignInRole, unitId: '' });
  const { values: form, update, error } = login;
  const districtWide = readsDistrict(form.role);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void login.submit(async () => {
      const unitId = districtWide && form.role !== 'district_office' ? undefined : form.unitId || undefined;
      const { token } = await api<{ token: string }>('/api/auth/dev-token', {
        method: 'POST',
        token: null,
        body: { userId: form.userId, name: form.name || undefined, role: form.role, unitId },
      });
      const session: Session = { token, userId: form.userId, name: form.name || form.userId, role: form.role, unitId: unitId ?? null };
      saveSession(session);
      onLogin(session);
      navigate(params.get('next') ?? '/console');
    });
  };
  return (
    <>
      <PageTitle lead="演示环境登录（AUTH_DEV_LOGIN）；生产环境通过统一身份认证登录。">工作人员登录</PageTitle>
      <ErrorNotice error={error} title="登录未成功" />
      <form onSubmit={submit} noValidate className="form narrow">
        <Field label="工号" name="userId" error={error} required>
          {(p) => <input {...p} value={form.userId} onChange={(e) => update({ userId: e.target.value })} autoComplete="username" />}
        </Field>
        <Field label="姓名" name="name" error={error}>
          {(p) => <input {...p} value={form.name} onChange={(e) => update({ name: e.target.value })} autoComplete="name" />}
        </Field>
        <Field label="岗位角色" name="role" error={error} required>
          {(p) => (
            <select {...p} value={form.role} onChange={(e) => update({ role: e.target.value as SignInRole })}>
              {SIGN_IN_ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </select>
          )}
        </Field>
        {form.role === 'auditor' || form.role === 'admin' ? null : (
          <SelectField
            label="所在单位"
            name="unitId"
            error={error}
            required={!districtWide}
            placeholder="请选择"
            options={(units.data ?? []).map((u) => [u.unitId, u.name] as const)}
            value={form.unitId}
            onChange={(unitId) => update({ unitId })}
          />
        )}
        <button type="submit" className="primary">
          登录
        </button>
      </form>
    </>
  );
}
