import { StrictMode, useCallback, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Link, NavLink, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { ROLE_LABELS } from '@gongkai/contracts/vocabulary';
import { AnnualReportConsole } from './console/annual-reports/report-console';
import { ExplainPage, UnitBreakdownPage } from './console/assessment/breakdown';
import { LiveScorePage } from './console/assessment/live';
import { RankingPage } from './console/assessment/ranking';
import { SchemesPage } from './console/assessment/schemes';
import { AuditAsOf } from './console/audit/as-of';
import { AuditTimeline } from './console/audit/timeline';
import { CatalogueConsole } from './console/catalogue/catalogue';
import { ItemEditorRoute } from './console/catalogue/editor';
import { DocumentsQueue } from './console/documents/list';
import { DocumentReview } from './console/documents/review';
import { ObligationPage } from './console/interpretation/obligation';
import { InterpretationConsole } from './console/interpretation/obligations';
import { ConcernPage } from './console/participation/concern';
import { ConcernsConsole } from './console/participation/concerns';
import { ConsultationModeration, ParticipationConsole } from './console/participation/consultations';
import { OpenDayConsole } from './console/participation/open-days';
import { RequestCase } from './console/requests/case';
import { LetterSettingsPage } from './console/requests/letter-settings';
import { RequestRegister } from './console/requests/register';
import { CounterRegistration } from './console/requests/register-form';
import { NoticesPage } from './console/requests/notices';
import { GuidesPage } from './console/guides/guides';
import { ChecklistPage } from './console/checklist/checklist';
import { AnnualReportPage, AnnualReportsPage } from './portal/annual-reports/reports';
import { DomainCatalogue, ItemDetail, UnitCatalogue } from './portal/catalogue/items';
import { NegativeListPage, SearchPage } from './portal/catalogue/search';
import { DocumentPage } from './portal/documents/document';
import { CleanupResultsPage, DocumentsPage } from './portal/documents/documents';
import { PoliciesPage, PolicyPage } from './portal/interpretation/policies';
import { ConsultationPage, ConsultationsPage } from './portal/participation/consultations';
import { OpenDayPage, OpenDaysPage } from './portal/participation/open-days';
import { ApplyPage } from './portal/requests/apply';
import { TrackPage } from './portal/requests/track';
import { SubscribePage, SubscriptionLinkPage } from './portal/subscriptions/subscribe';
import { ConsoleHome } from './console/home';
import { LoginPage, RequireLogin, SignedInPage } from './console/login';
import { PortalHome } from './portal/home';
import { loadSession, onSessionExpired, resumeProviderSession, saveSession, type Session, signOut, startProviderSignIn } from './api';
import {
  applyStoredReadingMode,
  FlashMessage,
  FlashProvider,
  HANDLER_ROLES,
  hasAnyRole,
  isStaff,
  PageTitle,
  ReadingModeToggle,
  seesDistrict,
} from './ui';
import './styles/assessment.css';
import './styles/base.css';
import './styles/catalogue.css';
import './styles/components.css';
import './styles/requests.css';
import './styles/elder.css';
import './styles/print.css';

interface Section {
  to: string;
  label: string;
  end?: boolean;
  /** Left out of the shorter menu of the elderly-friendly mode (still in the footer and on the pages). */
  secondary?: boolean;
}

const PORTAL_SECTIONS: Section[] = [
  { to: '/', label: '首页', end: true },
  { to: '/apply', label: '申请公开' },
  { to: '/track', label: '进度查询' },
  { to: '/policies', label: '政策解读' },
  { to: '/consultations', label: '意见征集', secondary: true },
];

/** The console sections a role works in; the API enforces the same rules, this only hides what would be refused. */
function consoleSections(session: Session): Section[] {
  const staff = isStaff(session);
  const districtWide = seesDistrict(session);
  const editsCatalogue = Boolean(session.unitId) && hasAnyRole(session, HANDLER_ROLES);
  const sections: (Section | false)[] = [
    { to: '/console', label: '待办', end: true },
    { to: '/console/requests', label: '依申请公开' },
    { to: '/console/documents', label: '公文与审查' },
    staff && { to: '/console/notices', label: '通知记录' },
    (districtWide || (staff && Boolean(session.unitId))) && { to: '/console/guide', label: '公开指南' },
    (districtWide || (staff && Boolean(session.unitId))) && { to: '/console/checklist', label: '主动公开清单' },
    staff && { to: '/console/annual-report', label: '年度报告' },
    staff && { to: '/console/interpretation', label: '政策解读' },
    { to: '/console/concerns', label: '回应关切' },
    staff && { to: '/console/participation', label: '公众参与' },
    editsCatalogue && { to: '/console/catalogue', label: '公开事项目录' },
    districtWide && { to: '/console/ranking', label: '排名' },
    districtWide && { to: '/console/schemes', label: '考核方案' },
    !districtWide && Boolean(session.unitId) && { to: '/console/score', label: '本单位得分' },
    districtWide && { to: '/console/audit', label: '决定记录', end: true },
    districtWide && { to: '/console/audit/as-of', label: '时间回溯' },
  ];
  return sections.filter((section): section is Section => section !== false);
}

/** After a route change, move focus to the new page's heading (screen readers announce it). */
function FocusOnNavigate() {
  const location = useLocation();
  useEffect(() => {
    const heading = document.getElementById('page-heading');
    if (heading && location.key !== 'default') heading.focus({ preventScroll: false });
  }, [location.pathname, location.key]);
  return null;
}

function Shell() {
  const [session, setSession] = useState<Session | null>(loadSession());
  const location = useLocation();
  const navigate = useNavigate();
  const inConsole = location.pathname.startsWith('/console');
  // On a phone the console's many sections fold behind a menu button; any navigation folds it again.
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [location.pathname]);
  // A provider session renews itself before its tokens expire (also after a reload).
  useEffect(() => resumeProviderSession(), [session]);
  // The API refused the session and it could not be renewed: offer to sign in again, back to this page.
  const [expired, setExpired] = useState(false);
  useEffect(() => onSessionExpired(() => setExpired(true)), []);
  const signedIn = useCallback((next: Session) => {
    setExpired(false);
    setSession(next);
  }, []);
  const signInAgain = () => {
    const here = location.pathname + location.search;
    if (session?.via === 'provider') void startProviderSignIn(here);
    else {
      // The demo token has expired: forget it (the drafts stay), sign in on the login page, come back here.
      saveSession(null);
      setSession(null);
      navigate(`/console/login?next=${encodeURIComponent(here)}`);
    }
  };
  const logout = () => {
    setSession(null);
    void signOut().then((atProvider) => {
      if (!atProvider) navigate('/');
    });
  };
  return (
    <>
      <a className="skip-link" href="#main">
        跳到主要内容
      </a>
      <header className="site-header">
        <div className="wrap header-row">
          <Link to="/" className="brand">
            <span className="brand-mark" aria-hidden="true">
              公
            </span>
            <span>
              台儿庄区政务公开
              <small>{inConsole ? '工作台' : '区政府门户网站'}</small>
            </span>
          </Link>
          <nav aria-label="主导航" className="main-nav">
            {inConsole && session ? (
              <>
                <button
                  type="button"
                  className="link-button menu-toggle"
                  aria-expanded={menuOpen}
                  aria-controls="console-menu"
                  onClick={() => setMenuOpen((open) => !open)}
                >
                  {menuOpen ? '收起菜单' : '菜单'}
                </button>
                <ul id="console-menu" className={`collapsible${menuOpen ? ' open' : ''}`}>
                  {consoleSections(session).map((section) => (
                    <li key={section.to}>
                      <NavLink to={section.to} end={section.end}>
                        {section.label}
                      </NavLink>
                    </li>
                  ))}
                  <li>
                    <button type="button" className="link-button" onClick={logout}>
                      退出（{session.name}，{ROLE_LABELS[session.role]}）
                    </button>
                  </li>
                </ul>
              </>
            ) : (
              <ul>
                {PORTAL_SECTIONS.map((section) => (
                  <li key={section.to} className={section.secondary ? 'secondary' : undefined}>
                    <NavLink to={section.to} end={section.end}>
                      {section.label}
                    </NavLink>
                  </li>
                ))}
                <li>
                  <NavLink to="/console">{session ? '工作台' : '工作人员登录'}</NavLink>
                </li>
                <li>
                  <ReadingModeToggle />
                </li>
              </ul>
            )}
          </nav>
        </div>
      </header>
      <main id="main" className="wrap" tabIndex={-1}>
        <FocusOnNavigate />
        {expired && session ? (
          <div className="notice notice-error" role="alert" data-testid="session-expired">
            <strong>登录已失效，请重新登录。</strong>您填写的内容已保留，重新登录后回到本页。{' '}
            <button type="button" className="link-button" onClick={signInAgain}>
              重新登录
            </button>
          </div>
        ) : null}
        <FlashMessage />
        <Routes>
          <Route path="/" element={<PortalHome />} />
          <Route path="/search" element={<SearchPage />} />
          <Route path="/units/:unitId" element={<UnitCatalogue />} />
          <Route path="/domains/:code" element={<DomainCatalogue />} />
          <Route path="/items/:itemId" element={<ItemDetail />} />
          <Route path="/documents" element={<DocumentsPage />} />
          <Route path="/documents/:documentId" element={<DocumentPage />} />
          <Route path="/cleanup-results" element={<CleanupResultsPage />} />
          <Route path="/policies" element={<PoliciesPage />} />
          <Route path="/policies/:documentId" element={<PolicyPage />} />
          <Route path="/negative-list" element={<NegativeListPage />} />
          <Route path="/apply" element={<ApplyPage />} />
          <Route path="/track" element={<TrackPage />} />
          <Route path="/subscribe" element={<SubscribePage />} />
          <Route path="/subscribe/confirm" element={<SubscriptionLinkPage action="confirm" />} />
          <Route path="/subscribe/unsubscribe" element={<SubscriptionLinkPage action="unsubscribe" />} />
          <Route path="/consultations" element={<ConsultationsPage />} />
          <Route path="/consultations/:consultationId" element={<ConsultationPage />} />
          <Route path="/open-days" element={<OpenDaysPage />} />
          <Route path="/open-days/:openDayId" element={<OpenDayPage />} />
          <Route path="/annual-reports" element={<AnnualReportsPage />} />
          <Route path="/annual-reports/:unitId/:year" element={<AnnualReportPage />} />
          <Route path="/console/login" element={<LoginPage onLogin={signedIn} />} />
          <Route path="/console/signed-in" element={<SignedInPage onLogin={signedIn} />} />
          <Route path="/console" element={<RequireLogin>{(s) => <ConsoleHome session={s} />}</RequireLogin>} />
          <Route path="/console/requests" element={<RequireLogin>{(s) => <RequestRegister session={s} />}</RequireLogin>} />
          <Route path="/console/requests/new" element={<RequireLogin>{(s) => <CounterRegistration session={s} />}</RequireLogin>} />
          <Route path="/console/guide" element={<RequireLogin>{(s) => <GuidesPage session={s} />}</RequireLogin>} />
          <Route path="/console/checklist" element={<RequireLogin>{(s) => <ChecklistPage session={s} />}</RequireLogin>} />
          <Route path="/console/notices" element={<RequireLogin>{(s) => <NoticesPage session={s} />}</RequireLogin>} />
          <Route path="/console/letter-settings" element={<RequireLogin>{(s) => <LetterSettingsPage session={s} />}</RequireLogin>} />
          <Route path="/console/requests/:requestId" element={<RequireLogin>{(s) => <RequestCase session={s} />}</RequireLogin>} />
          <Route path="/console/documents" element={<RequireLogin>{(s) => <DocumentsQueue session={s} />}</RequireLogin>} />
          <Route path="/console/documents/:documentId" element={<RequireLogin>{(s) => <DocumentReview session={s} />}</RequireLogin>} />
          <Route path="/console/catalogue" element={<RequireLogin>{(s) => <CatalogueConsole session={s} />}</RequireLogin>} />
          <Route path="/console/catalogue/items/:itemId" element={<RequireLogin>{(s) => <ItemEditorRoute session={s} />}</RequireLogin>} />
          <Route path="/console/ranking" element={<RequireLogin>{(s) => <RankingPage session={s} />}</RequireLogin>} />
          <Route path="/console/schemes" element={<RequireLogin>{(s) => <SchemesPage session={s} />}</RequireLogin>} />
          <Route path="/console/score" element={<RequireLogin>{(s) => <LiveScorePage session={s} />}</RequireLogin>} />
          <Route
            path="/console/assessment/:schemeId/units/:unitId"
            element={<RequireLogin>{(s) => <UnitBreakdownPage session={s} />}</RequireLogin>}
          />
          <Route
            path="/console/assessment/:schemeId/units/:unitId/indicators/:indicatorId"
            element={<RequireLogin>{(s) => <ExplainPage session={s} />}</RequireLogin>}
          />
          <Route path="/console/audit" element={<RequireLogin>{() => <AuditTimeline />}</RequireLogin>} />
          <Route path="/console/audit/as-of" element={<RequireLogin>{() => <AuditAsOf />}</RequireLogin>} />
          <Route path="/console/interpretation" element={<RequireLogin>{(s) => <InterpretationConsole session={s} />}</RequireLogin>} />
          <Route path="/console/annual-report" element={<RequireLogin>{(s) => <AnnualReportConsole session={s} />}</RequireLogin>} />
          <Route path="/console/concerns" element={<RequireLogin>{(s) => <ConcernsConsole session={s} />}</RequireLogin>} />
          <Route path="/console/concerns/:concernId" element={<RequireLogin>{(s) => <ConcernPage session={s} />}</RequireLogin>} />
          <Route path="/console/participation" element={<RequireLogin>{(s) => <ParticipationConsole session={s} />}</RequireLogin>} />
          <Route
            path="/console/consultations/:consultationId"
            element={<RequireLogin>{(s) => <ConsultationModeration session={s} />}</RequireLogin>}
          />
          <Route path="/console/open-days/:openDayId" element={<RequireLogin>{(s) => <OpenDayConsole session={s} />}</RequireLogin>} />
          <Route
            path="/console/interpretation/:documentId"
            element={<RequireLogin>{(s) => <ObligationPage session={s} />}</RequireLogin>}
          />
          <Route
            path="*"
            element={
              <>
                <PageTitle>页面不存在</PageTitle>
                <p>
                  <Link to="/">返回首页</Link>
                </p>
              </>
            }
          />
        </Routes>
      </main>
      <footer className="site-footer">
        <div className="wrap">
          <nav aria-label="页脚导航">
            <Link to="/documents">主动公开文件</Link> · <Link to="/negative-list">负面清单</Link> ·{' '}
            <Link to="/cleanup-results">文件清理结果</Link> · <Link to="/consultations">意见征集</Link> ·{' '}
            <Link to="/open-days">政府开放日</Link> · <Link to="/annual-reports">年度报告</Link> · <Link to="/subscribe">订阅公开信息</Link>
          </nav>
          <p>主办：台儿庄区人民政府办公室 · 依据《中华人民共和国政府信息公开条例》</p>
        </div>
      </footer>
    </>
  );
}

applyStoredReadingMode();
createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <BrowserRouter>
      <FlashProvider>
        <Shell />
      </FlashProvider>
    </BrowserRouter>
  </StrictMode>,
);
