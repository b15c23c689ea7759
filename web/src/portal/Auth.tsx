// Register / log in (email or mobile) / forgot password / reset password. Usable inline in the booking flow.
import { useState } from 'preact/hooks';
import { errorText } from '../common/api';
import { forgotPassword, portalLogin, portalRegister, resetPassword } from './api/account';
import { t, useLang } from '../common/i18n';
import { ErrorBox, Field, Notice, val } from '../common/ui';
import { Link } from './Link';
import { navigate, signIn } from './session';

export type AuthMode = 'login' | 'register' | 'forgot' | 'reset';
type Mode = AuthMode;

export function AuthPage(p: { mode: Mode }) {
  useLang();
  const next = new URLSearchParams(location.search).get('next') || '/book';
  return (
    <div class="card narrow-card">
      <AuthForms mode={p.mode} onDone={() => navigate(next)} routed />
    </div>
  );
}

export function AuthForms(p: { mode: Mode; onDone: () => void; routed?: boolean }) {
  const [mode, setMode] = useState<Mode>(p.mode);
  const go = (m: Mode) => (p.routed ? navigate(`/book/${m}${location.search}`) : setMode(m));
  const m = p.routed ? p.mode : mode;
  return (
    <div class="auth">
      {(m === 'login' || m === 'register') && (
        <div class="seg" role="tablist">
          <button type="button" role="tab" aria-selected={m === 'login'} class={m === 'login' ? 'on' : ''}
            data-testid="auth-tab-login" onClick={() => go('login')}>{t('portal.login')}</button>
          <button type="button" role="tab" aria-selected={m === 'register'} class={m === 'register' ? 'on' : ''}
            data-testid="auth-tab-register" onClick={() => go('register')}>{t('portal.register')}</button>
        </div>
      )}
      {m === 'login' && <LoginForm onDone={p.onDone} onForgot={() => go('forgot')} />}
      {m === 'register' && <RegisterForm onDone={p.onDone} />}
      {m === 'forgot' && <ForgotForm onBack={() => go('login')} />}
      {m === 'reset' && <ResetForm />}
    </div>
  );
}

function LoginForm(p: { onDone: () => void; onForgot: () => void }) {
  const [identifier, setIdentifier] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await portalLogin(identifier.trim(), password);
      await signIn(r.token);
      p.onDone();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} data-testid="portal-login">
      <Field label={t('portal.identifier')}>
        {(id) => <input id={id} autoComplete="username" required value={identifier} data-testid="portal-identifier"
          onInput={(e) => setIdentifier(val(e))} />}
      </Field>
      <Field label={t('login.password')}>
        {(id) => <input id={id} type="password" autoComplete="current-password" required value={password}
          data-testid="portal-password" onInput={(e) => setPassword(val(e))} />}
      </Field>
      <ErrorBox error={error} testid="portal-login-error" />
      <button type="submit" class="primary block" disabled={busy} data-testid="portal-login-submit">{t('login.submit')}</button>
      <button type="button" class="link" data-testid="portal-forgot-link" onClick={p.onForgot}>{t('portal.forgot')}</button>
    </form>
  );
}

function RegisterForm(p: { onDone: () => void }) {
  const [v, setV] = useState({ first_name: '', last_name: '', email: '', phone: '', password: '' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof v) => (e: Event) => setV({ ...v, [k]: val(e) });
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!v.email.trim() && !v.phone.trim()) return setError(t('portal.emailOrPhone'));
    setBusy(true);
    setError(null);
    try {
      const r = await portalRegister({ ...v, email: v.email.trim(), phone: v.phone.trim() });
      await signIn(r.token);
      p.onDone();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} data-testid="portal-register">
      <div class="row">
        <Field label={t('client.firstName') + ' *'}>
          {(id) => <input id={id} required autoComplete="given-name" value={v.first_name} data-testid="reg-first" onInput={set('first_name')} />}
        </Field>
        <Field label={t('client.lastName') + ' *'}>
          {(id) => <input id={id} required autoComplete="family-name" value={v.last_name} data-testid="reg-last" onInput={set('last_name')} />}
        </Field>
      </div>
      <Field label={t('client.email')}>
        {(id) => <input id={id} type="email" autoComplete="email" value={v.email} data-testid="reg-email" onInput={set('email')} />}
      </Field>
      <Field label={t('portal.mobile')}>
        {(id) => <input id={id} type="tel" autoComplete="tel" value={v.phone} data-testid="reg-phone" onInput={set('phone')} />}
      </Field>
      <p class="muted small">{t('portal.emailOrPhone')}</p>
      <Field label={t('login.password') + ' *'}>
        {(id) => <input id={id} type="password" autoComplete="new-password" required minLength={8} value={v.password}
          data-testid="reg-password" onInput={set('password')} />}
      </Field>
      <ErrorBox error={error} testid="portal-register-error" />
      <button type="submit" class="primary block" disabled={busy} data-testid="reg-submit">{t('portal.createAccount')}</button>
    </form>
  );
}

function ForgotForm(p: { onBack: () => void }) {
  const [identifier, setIdentifier] = useState('');
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      await forgotPassword(identifier.trim());
      setSent(true);
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <form onSubmit={submit} data-testid="portal-forgot">
      <h2>{t('portal.forgotTitle')}</h2>
      <Field label={t('portal.identifier')}>
        {(id) => <input id={id} required value={identifier} data-testid="forgot-identifier" onInput={(e) => setIdentifier(val(e))} />}
      </Field>
      <ErrorBox error={error} />
      <Notice text={sent ? t('portal.forgotSent') : null} testid="forgot-sent" />
      <button type="submit" class="primary block" data-testid="forgot-submit">{t('portal.sendLink')}</button>
      <button type="button" class="link" onClick={p.onBack}>{t('portal.backToLogin')}</button>
    </form>
  );
}

function ResetForm() {
  // The reset link is /book/reset/{token} (or ?token=…).
  const fromPath = decodeURIComponent(location.pathname.split('/')[3] ?? '');
  const [token, setTok] = useState(fromPath || new URLSearchParams(location.search).get('token') || '');
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      await resetPassword(token.trim(), password);
      setDone(true);
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <form onSubmit={submit} data-testid="portal-reset">
      <h2>{t('portal.resetTitle')}</h2>
      <Field label={t('portal.resetCode')}>
        {(id) => <input id={id} required value={token} data-testid="reset-token" onInput={(e) => setTok(val(e))} />}
      </Field>
      <Field label={t('portal.newPassword')}>
        {(id) => <input id={id} type="password" autoComplete="new-password" required minLength={8} value={password}
          data-testid="reset-password" onInput={(e) => setPassword(val(e))} />}
      </Field>
      <ErrorBox error={error} />
      {done ? (
        <div class="notice" role="status" data-testid="reset-done">
          {t('portal.resetDone')} <Link href="/book/login">{t('portal.login')}</Link>
        </div>
      ) : (
        <button type="submit" class="primary block" data-testid="reset-submit">{t('common.save')}</button>
      )}
    </form>
  );
}
