// /book/confirm/{token}: the link of a confirmation request; the client confirms without logging in
// (POST /api/portal/confirm/{token} answers the appointment, now approved).
import { useState } from 'preact/hooks';
import { errorText } from '../common/api';
import type { Appointment } from '../common/types';
import { confirmByLink } from './api/links';
import { t, useLang } from '../common/i18n';
import { fmtDate, isoDate, isoTime } from '../common/time';
import { ErrorBox } from '../common/ui';
import { Link } from './Link';

export function ConfirmPage(p: { token: string }) {
  const lang = useLang();
  const [done, setDone] = useState<Appointment | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const go = async () => {
    setBusy(true);
    setError(null);
    try {
      setDone(await confirmByLink(p.token));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="card narrow-card" data-testid="confirm-page">
      <h1>{t('confirm.title')}</h1>
      {done ? (
        <div class="notice" role="status" data-testid="confirm-done">
          {t('confirm.done', { when: `${fmtDate(isoDate(done.start), lang)} ${isoTime(done.start)}` })}
          <div><Link href="/book/me">{t('portal.myAppointments')}</Link></div>
        </div>
      ) : (
        <>
          <p>{t('confirm.help')}</p>
          <button type="button" class="primary block" disabled={busy} data-testid="confirm-submit" onClick={go}>
            {t('confirm.submit')}
          </button>
        </>
      )}
      <ErrorBox error={error} testid="confirm-error" />
    </section>
  );
}
