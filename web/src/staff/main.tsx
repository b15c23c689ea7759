// Staff back office: login, then Agenda / Clients / Freed slots / Settings (hash routes).
import { render, type JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import '../common/style.css';
import { errorText, getToken, onUnauthorized, setToken } from '../common/api';
import type { StaffMe } from '../common/types';
import { getAuthMe, login, logout as endSession } from './api/auth';
import { t, useLang } from '../common/i18n';
import { ErrorBox, Field, LangSwitch, fullName, val } from '../common/ui';
import { clearCatalog, getMe, loadCatalog, setMe } from './catalog';
import { Agenda } from './Agenda';
import { Clients } from './Clients';
import { ClientFile } from './ClientFile';
import { FreedSlots } from './FreedSlots';
import { Settings } from './Settings';
import { SalonSwitcher, useSalonKey } from './SalonSwitcher';
import { Salons } from './Salons';
import { forgetSalons, loadSalons, visibleSalons } from './salon';

function useHash(): string {
  const [h, set] = useState(location.hash || '#/agenda');
  useEffect(() => {
    const on = () => set(location.hash || '#/agenda');
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return h;
}

// The dashboard and its charting library load only when opened (Chart.js stays out of the agenda's bundle).
function LazyReports(props: { isAdmin: boolean }) {
  const [Page, setPage] = useState<null | ((p: { isAdmin: boolean }) => JSX.Element)>(null);
  useEffect(() => {
    import('./Reports').then((m) => setPage(() => m.Reports));
  }, []);
  return Page ? <Page isAdmin={props.isAdmin} /> : <p class="muted">…</p>;
}

function Login(props: { onDone: () => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useLang();
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await login(email, password);
      setToken('staff', r.token);
      setMe(r.staff);
      clearCatalog();
      props.onDone();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="login-page">
      <form class="card login" onSubmit={submit} data-testid="staff-login">
        <div class="login-head">
          <h1>Creneau</h1>
          <LangSwitch />
        </div>
        <p class="muted">{t('login.staffTitle')}</p>
        <Field label={t('login.email')}>
          {(id) => (
            <input id={id} type="email" autoComplete="username" required value={email}
              data-testid="login-email" onInput={(e) => setEmail(val(e))} />
          )}
        </Field>
        <Field label={t('login.password')}>
          {(id) => (
            <input id={id} type="password" autoComplete="current-password" required value={password}
              data-testid="login-password" onInput={(e) => setPassword(val(e))} />
          )}
        </Field>
        <ErrorBox error={error} />
        <button class="primary" type="submit" disabled={busy} data-testid="login-submit">
          {t('login.submit')}
        </button>
      </form>
    </div>
  );
}

function Shell() {
  const hash = useHash();
  useLang();
  const [me, setMeState] = useState<StaffMe | null>(getMe());
  const [navOpen, setNavOpen] = useState(false);
  useEffect(() => setNavOpen(false), [hash]);
  useEffect(() => {
    // Who is logged in (role decides what the menu shows); the login answer is cached, this refreshes it.
    getAuthMe().then((staff) => {
      if (staff && staff.id) {
        setMe(staff);
        setMeState(staff);
      }
    }, () => undefined);
  }, []);
  const isAdmin = !me || me.role !== 'employee';
  const salonKey = useSalonKey();
  const logout = () => {
    endSession().catch(() => undefined);
    setToken('staff', null);
    setMe(null);
    forgetSalons();
    location.hash = '#/agenda';
    location.reload();
  };
  const path = hash.replace(/^#/, '');
  const link = (href: string, label: string, testid: string) => (
    <a href={href} class={path.startsWith(href.slice(1)) ? 'active' : ''} data-testid={testid}>
      {label}
    </a>
  );
  let page;
  const m = /^\/clients\/(\d+)/.exec(path);
  if (m) page = <ClientFile id={Number(m[1])} />;
  else if (path.startsWith('/clients')) page = <Clients isAdmin={isAdmin} />;
  else if (path.startsWith('/freed')) page = <FreedSlots />;
  else if (path.startsWith('/settings')) page = <Settings />;
  else if (path.startsWith('/salons') && me?.role === 'admin') page = <Salons />;
  else if (path.startsWith('/reports') && isAdmin) page = <LazyReports isAdmin={me?.role === 'admin'} />;
  else page = <Agenda />;
  return (
    <div class="shell">
      <header class="topbar">
        <span class="brand">Creneau</span>
        <button type="button" class="menu-toggle nav-toggle" aria-expanded={navOpen} aria-controls="main-nav" data-testid="nav-menu"
          onClick={() => setNavOpen(!navOpen)}>
          ☰ <span class="sr-only">{t('nav.menu')}</span>
        </button>
        <nav id="main-nav" class={navOpen ? 'open' : ''} aria-label={t('nav.main')}>
          {link('#/agenda', t('nav.agenda'), 'nav-agenda')}
          {link('#/clients', t('nav.clients'), 'nav-clients')}
          {link('#/freed', t('nav.freed'), 'nav-freed')}
          {isAdmin && link('#/reports', t('nav.reports'), 'nav-reports')}
          {isAdmin && link('#/settings', t('nav.settings'), 'nav-settings')}
          {me?.role === 'admin' && visibleSalons().length > 0 && link('#/salons', t('net.salons'), 'nav-salons')}
        </nav>
        <SalonSwitcher me={me} />
        <span class="spacer" />
        <div class={'topbar-user' + (navOpen ? ' open' : '')}>
          <span class="muted me">{fullName(me)}</span>
          <LangSwitch />
          <button type="button" class="link" onClick={logout} data-testid="logout">
            {t('nav.logout')}
          </button>
        </div>
      </header>
      <main class="content" key={salonKey ?? 'loading'}>{salonKey ? page : <p class="muted">{t('common.loading')}</p>}</main>
    </div>
  );
}

function App() {
  const [authed, setAuthed] = useState(!!getToken('staff'));
  useEffect(() => {
    onUnauthorized((kind) => {
      if (kind === 'staff') {
        setToken('staff', null);
        setAuthed(false);
      }
    });
  }, []);
  // The salons first: in a network the catalogue is the chosen salon's.
  if (!authed)
    return <Login onDone={() => loadSalons(getMe()).catch(() => undefined).then(() => loadCatalog(true)).finally(() => setAuthed(true))} />;
  return <Shell />;
}

render(<App />, document.getElementById('app')!);
