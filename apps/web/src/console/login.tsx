import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { readsDistrict, ROLE_LABELS, SIGN_IN_ROLES, type SignInRole, type UnitListView } from '@gongkai/contracts/vocabulary';
import {
  api,
  ApiError,
  completeProviderSignIn,
  loadSession,
  returnPath,
  saveSession,
  type Session,
  type SignInOptions,
  signInOptions,
  startProviderSignIn,
} from '../api';
import { ErrorNotice, Field, Loading, Notice, PageTitle, SelectField, useApi, useForm } from '../ui';

export function RequireLogin({ children }: { children: (session: Session) => ReactNode }) {
  const session = loadSession();
  if (!session) return <Navigate to={`/console/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <>{children(session)}</>;
}

/** A failure of the sign-in itself (the provider unreachable, the answer not matching the request) in zh-CN. */
const signInError = (error: unknown) =>
  error instanceof ApiError ? error : new ApiError(0, 'SIGN_IN_FAILED', '统一身份认证登录未完成，请重新登录；如仍失败，请联系系统管理员。');

/**
 * The login page offers what the server says (`GET /api/auth/sign-in`): the identity provider's
 * button (统一身份认证, OpenID Connect) and, only where the demo login is enabled (`npm start`), the
 * demo form, labelled as such.
 */
export function LoginPage({ onLogin }: { onLogin: (s: Session) => void }) {
  // Asked without the session's token: a stale one would be refused even on this public route.
  const [options, setOptions] = useState<{ data: SignInOptions | null; error: ApiError | null; loading: boolean }>({
    data: null,
    error: null,
    loading: true,
  });
  useEffect(() => {
    signInOptions().then(
      (data) => setOptions({ data, error: null, loading: false }),
      (error: unknown) => setOptions({ data: null, error: signInError(error), loading: false }),
    );
  }, []);
  const [params] = useSearchParams();
  const [failure, setFailure] = useState<ApiError | null>(null);
  const next = returnPath(params.get('next'));
  const signIn = () => {
    setFailure(null);
    startProviderSignIn(next).catch((error: unknown) => setFailure(signInError(error)));
  };
  return (
    <>
      <PageTitle lead="台儿庄区政务公开工作台，供各单位工作人员使用。">工作人员登录</PageTitle>
      {params.get('signedOut') ? <Notice kind="success">您已退出登录。</Notice> : null}
      {options.loading ? <Loading what="登录方式" /> : null}
      <ErrorNotice error={options.error ?? failure} title="无法登录" />
      {options.data?.provider ? (
        <section aria-labelledby="provider-heading" className="sign-in-provider">
          <h2 id="provider-heading">统一身份认证</h2>
          <p>使用本区统一身份认证平台的账号登录，登录后回到工作台。</p>
          <button type="button" className="primary" onClick={signIn}>
            通过统一身份认证登录
          </button>
        </section>
      ) : null}
      {options.data?.demoLogin ? <DemoLogin onLogin={onLogin} /> : null}
      {options.data && !options.data.provider && !options.data.demoLogin ? (
        <Notice kind="warn">本系统尚未配置登录方式，请联系系统管理员。</Notice>
      ) : null}
    </>
  );
}

/** The demo login (`POST /api/auth/dev-token`): any user, any role, no password; local only. */
function DemoLogin({ onLogin }: { onLogin: (s: Session) => void }) {
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
      const session: Session = {
        token,
        userId: form.userId,
        name: form.name || form.userId,
        role: form.role,
        unitId: unitId ?? null,
        via: 'demo',
      };
      saveSession(session);
      onLogin(session);
      navigate(returnPath(params.get('next')));
    });
  };
  return (
    <section aria-labelledby="demo-heading" className="sign-in-demo">
      <h2 id="demo-heading">演示登录，仅限本地</h2>
      <p className="muted">本地演示环境（AUTH_DEV_LOGIN）专用：任选工号和岗位角色，无需密码。正式环境不提供此方式。</p>
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
    </section>
  );
}

/** Where the provider sends the browser back: the code is exchanged, then the user returns to the page they came from. */
export function SignedInPage({ onLogin }: { onLogin: (s: Session) => void }) {
  const navigate = useNavigate();
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    completeProviderSignIn().then(
      ({ session, returnTo }) => {
        onLogin(session);
        navigate(returnTo, { replace: true });
      },
      (e: unknown) => setError(signInError(e)),
    );
  }, [navigate, onLogin]);
  if (!error) return <Loading what="登录信息" />;
  return (
    <>
      <PageTitle>登录未成功</PageTitle>
      <ErrorNotice error={error} />
      <p>
        <Link to="/console/login">返回登录页</Link>
      </p>
    </>
  );
}
