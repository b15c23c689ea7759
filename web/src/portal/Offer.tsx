// /book/offers/{token}: an earlier slot offered from the waitlist; no login needed. Accept moves the
// client's appointment into it (first come, first served).
import { useEffect, useState } from 'preact/hooks';
import { errorText } from '../common/api';
import type { Appointment, Offer, PublicStaff } from '../common/types';
import { acceptOffer, getOffer } from './api/links';
import { t, useLang } from '../common/i18n';
import { fmtDate, isoDate, isoTime } from '../common/time';
import { ErrorBox } from '../common/ui';
import { Link } from './Link';
import { getPublicStaff } from './session';

export function OfferPage(p: { token: string }) {
  const lang = useLang();
  const [offer, setOffer] = useState<Offer | null>(null);
  const [staff, setStaff] = useState<PublicStaff[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [accepted, setAccepted] = useState<Appointment | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    getPublicStaff().then(setStaff);
    getOffer(p.token).then(setOffer, (e) => setError(errorText(e)));
  }, [p.token]);

  const accept = async () => {
    setBusy(true);
    setError(null);
    try {
      setAccepted(await acceptOffer(p.token));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const o: Offer = offer ?? {};
  const slot = o.slot ?? o.freed_slot ?? o;
  const start: string | undefined = slot.start ?? o.start;
  const end: string | undefined = slot.end ?? o.end;
  const staffId = o.staff?.id ?? o.staff_id ?? slot.staff_id;
  const staffLabel = o.staff?.first_name ?? o.staff_name ?? staff.find((s) => s.id === staffId)?.first_name ?? '';
  const open = o.open ?? (o.status ? o.status === 'open' : o.accepted === undefined ? true : !o.accepted);
  const current = o.appointment?.start;

  return (
    <section class="card narrow-card" data-testid="offer">
      <h1>{t('offer.title')}</h1>
      {!offer && !error && <p class="muted">{t('common.loading')}</p>}
      {offer && start && (
        <div class="offer-slot">
          <p class="big" data-testid="offer-slot">
            {fmtDate(isoDate(start), lang)} · {isoTime(start)}{end ? `–${isoTime(end)}` : ''}
          </p>
          {staffLabel && <p>{t('offer.with', { name: staffLabel })}</p>}
          {Array.isArray(o.services) && o.services.length > 0 && (
            <p>{o.services.map((x) => (typeof x === 'string' ? x : x?.name)).filter(Boolean).join(', ')}</p>
          )}
          {o.message && <p class="muted" data-testid="offer-message">{o.message}</p>}
          {current && <p class="muted">{t('offer.current', { when: `${fmtDate(isoDate(current), lang)} ${isoTime(current)}` })}</p>}
        </div>
      )}
      {accepted ? (
        <div class="notice" role="status" data-testid="offer-accepted">
          {t('offer.accepted', { when: `${fmtDate(isoDate(accepted.start), lang)} ${isoTime(accepted.start)}` })}
          <div><Link href="/book/me">{t('portal.myAppointments')}</Link></div>
        </div>
      ) : (
        offer && (open ? (
          <button type="button" class="primary block" disabled={busy} data-testid="offer-accept" onClick={accept}>
            {t('offer.accept')}
          </button>
        ) : (
          <p class="muted" data-testid="offer-closed">{t('offer.closed')}</p>
        ))
      )}
      <ErrorBox error={error} testid="offer-error" />
    </section>
  );
}
