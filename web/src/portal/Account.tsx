// My account: who I am for the salon, "Download my data" (RGPD access) and deleting my account and data
// (RGPD erasure, confirmed with the password).
import { useState } from 'preact/hooks';
import { downloadBlob, errorText, setToken } from '../common/api';
import { deleteMe, exportMe } from './api/account';
import { t, useLang } from '../common/i18n';
import { ErrorBox, Field, Modal, Notice, fullName, val } from '../common/ui';
import { Link } from './Link';
import { navigate, refreshMe, useMe } from './session';

export function AccountPage() {
  useLang();
  const [me, ready] = useMe();
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);

  if (ready && !me)
    return (
      <div class="card">
        <p>{t('portal.loginFirst')}</p>
        <Link href="/book/login?next=/book/account" class="button primary" testid="login-first">{t('portal.login')}</Link>
      </div>
    );
  if (!me) return <p class="muted">{t('common.loading')}</p>;

  const download = async () => {
    setError(null);
    setNotice(null);
    try {
      const res = await exportMe();
      await downloadBlob(res, 'my-data.json');
      setNotice(t('portal.dataDownloaded'));
    } catch (e) {
      setError(errorText(e));
    }
  };

  const a = me.account ?? {};
  return (
    <div class="account-page" data-testid="account-page">
      <h1>{t('portal.account')}</h1>
      <ErrorBox error={error} testid="account-error" />
      <Notice text={notice} testid="account-notice" />
      <section class="card">
        <h2>{fullName(a)}</h2>
        <p class="muted">{[a.email, a.phone].filter(Boolean).join(' · ')}</p>
      </section>
      <section class="card">
        <h2>{t('portal.myData')}</h2>
        <p>{t('portal.myDataHelp')}</p>
        <button type="button" class="primary" data-testid="download-my-data" onClick={download}>{t('portal.downloadData')}</button>
      </section>
      <section class="card">
        <h2>{t('portal.deleteAccount')}</h2>
        <p>{t('portal.deleteHelp')}</p>
        <button type="button" class="danger-outline" data-testid="delete-account" onClick={() => setDeleting(true)}>
          {t('portal.deleteAccount')}
        </button>
      </section>
      {deleting && <DeleteDialog onClose={() => setDeleting(false)} />}
    </div>
  );
}

function DeleteDialog(p: { onClose: () => void }) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const go = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      await deleteMe(password);
      setToken('portal', null);
      await refreshMe();
      navigate('/book/deleted');
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <Modal title={t('portal.deleteAccount')} onClose={p.onClose} testid="delete-dialog">
      <form onSubmit={go}>
        <p>{t('portal.deleteHelp')}</p>
        <Field label={t('portal.deletePassword')}>
          {(id) => <input id={id} type="password" autocomplete="current-password" value={password}
            onInput={(e) => setPassword(val(e))} data-testid="delete-password" />}
        </Field>
        <ErrorBox error={error} testid="delete-error" />
        <div class="actions">
          <button type="button" onClick={p.onClose}>{t('common.cancel')}</button>
          <button type="submit" class="danger" disabled={!password} data-testid="delete-confirm">{t('portal.deleteDo')}</button>
        </div>
      </form>
    </Modal>
  );
}

/** After the deletion: the account is gone, the portal says so. */
export function DeletedPage() {
  useLang();
  return (
    <div class="card" data-testid="account-deleted">
      <p>{t('portal.deleted')}</p>
      <Link href="/book" class="button" testid="deleted-home">{t('portal.backHome')}</Link>
    </div>
  );
}
