// The booking flow: for whom → audience → services → staff → slot → options → account → confirm.
import { useEffect, useRef, useState } from 'preact/hooks';
import { errorText } from '../common/api';
import type { Appointment, Member, PortalAppointmentInput, PublicSalon, PublicStaff, Service, Slot } from '../common/types';
import { bookAppointment } from './api/appointments';
import { listPublicServices } from './api/catalogue';
import { t, tn, tv, useLang } from '../common/i18n';
import { fmtDate, fmtMoney, isoDate, isoTime, minutesBetween } from '../common/time';
import { Check, ErrorBox, Field, fullName, val } from '../common/ui';
import { AuthForms } from './Auth';
import { Link } from './Link';
import { SlotPicker } from './SlotPicker';
import { getPublicStaff, getSalon, memberId, useMe } from './session';
import { SalonBanner } from './SalonBanner';
import { takeChoice } from './salons';

const AUDIENCES = ['', 'adult', 'teen', 'child'];

/**
 * `atSalon`: in a network, the salon booked at (its page /book/{slug}); its staff, services, prices and slots,
 * and what the salon chooser carried over. Without it, the single salon of the deployment.
 */
export function Booking(p: { atSalon?: PublicSalon } = {}) {
  const lang = useLang();
  const [me] = useMe();
  const salonId: number | null = p.atSalon?.id ?? null;
  const [carried] = useState(() => (salonId ? takeChoice(salonId) : null));
  const [salon, setSalon] = useState<PublicSalon | null>(p.atSalon ?? null);
  const [staff, setStaff] = useState<PublicStaff[]>([]);
  const [forWhom, setForWhom] = useState<number | 0>(0); // 0 = myself
  const [audience, setAudience] = useState(carried?.audience ?? '');
  const [services, setServices] = useState<Service[]>([]);
  const [chosen, setChosen] = useState<number[]>(carried?.serviceIds ?? []);
  const [staffId, setStaffId] = useState<number | null>(null);
  const [slot, setSlot] = useState<Slot | null>(carried?.slot ?? null);
  const firstRun = useRef(true);
  const [notify, setNotify] = useState(false);
  const [request_, setRequest] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Appointment | null>(null);
  // Categories unfolded in the service list (the first one at the start; a chosen service keeps its own open).
  const [openCats, setOpenCats] = useState<Set<string> | null>(null);

  useEffect(() => {
    if (!salonId) getSalon().then(setSalon);
    getPublicStaff(salonId).then(setStaff);
  }, []);
  useEffect(() => {
    listPublicServices({ audience, salon_id: salonId })
      .then(setServices)
      .catch((e) => setError(errorText(e)));
  }, [audience]);
  useEffect(() => {
    // The slot carried from the salon chooser survives the first run; a later change of services or staff drops it.
    if (firstRun.current) firstRun.current = false;
    else setSlot(null);
  }, [chosen.join(','), staffId]);

  const members: Member[] = me?.members ?? [];
  const pickMember = (id: number) => {
    setForWhom(id);
    const m = members.find((x) => memberId(x) === id);
    const rel = m?.relation;
    if (rel === 'child') setAudience('child');
  };
  const toggleService = (id: number, on: boolean) => {
    if (on && chosen.length >= 5) return setError(t('portal.max5'));
    setError(null);
    setChosen(on ? [...chosen, id] : chosen.filter((x) => x !== id));
  };
  const capable = staff.filter((s) => chosen.every((id) => (s.service_ids ?? []).includes(id)));
  const showStaff = salon?.preferred_staff_selection !== false;
  const tz = salon?.timezone;

  const book = async () => {
    if (!slot) return;
    setBusy(true);
    setError(null);
    try {
      const body: PortalAppointmentInput = {
        start: slot.start,
        lines: (slot.lines ?? []).map((l) => ({ service_id: l.service_id, staff_id: l.staff_id, resource_id: l.resource_id ?? null })),
        requested_staff: !!staffId && showStaff,
        notify_earlier_slot: notify,
        client_request: request_,
      };
      if (forWhom) body.for_client_id = forWhom;
      if (salonId) body.salon_id = salonId;
      setDone(await bookAppointment(body));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <section class="card" data-testid="booking-done">
        <h1>{done.status === 'pending' ? t('portal.bookedPending') : t('portal.booked')}</h1>
        <p>{fmtDate(isoDate(done.start), lang)} · {isoTime(done.start)}</p>
        <p>{(done.lines ?? []).map((l) => services.find((s) => s.id === l.service_id)?.name ?? '').join(', ')}</p>
        <div class="actions">
          <Link href="/book/me" class="button primary" testid="go-my-appointments">{t('portal.myAppointments')}</Link>
          <button type="button" onClick={() => { setDone(null); setSlot(null); setChosen([]); }}>{t('portal.bookAnother')}</button>
        </div>
      </section>
    );
  }

  const staffLabel = (id: number) => staff.find((s) => s.id === id)?.first_name ?? '';
  const categories = [...new Set(services.map((s) => s.category || ''))].sort((a, b) => (!a ? 1 : !b ? -1 : a.localeCompare(b)));
  const chosenServices = services.filter((s) => chosen.includes(s.id));
  const totalPrice = chosenServices.reduce((n, s) => n + (s.package_only ? 0 : s.price_cents), 0);
  return (
    <div class="booking" data-testid="booking">
      <h1>{t('portal.bookTitle')}</h1>
      {p.atSalon && <SalonBanner salon={p.atSalon} />}
      {me && (
        <section class="card step">
          <h2><span class="num">1</span> {t('portal.forWhom')}</h2>
          <div class="choices" role="radiogroup" aria-label={t('portal.forWhom')}>
            <label class="choice">
              <input type="radio" name="who" checked={forWhom === 0} data-testid="who-self" onChange={() => setForWhom(0)} />
              <span>{t('portal.myself')} ({fullName(me.client ?? me.account)})</span>
            </label>
            {members.map((m) => (
              <label class="choice">
                <input type="radio" name="who" checked={forWhom === memberId(m)} data-testid={`who-${memberId(m)}`}
                  onChange={() => pickMember(memberId(m))} />
                <span>{fullName(m.member ?? m)}{m.relation ? ` (${tv('rel', m.relation)})` : ''}</span>
              </label>
            ))}
          </div>
        </section>
      )}
      <section class="card step">
        <h2><span class="num">{me ? 2 : 1}</span> {t('portal.services')}</h2>
        <Field label={t('svc.audience')}>
          {(id) => (
            <select id={id} value={audience} data-testid="audience" onChange={(e) => setAudience(val(e))}>
              {AUDIENCES.map((a) => <option value={a}>{a ? t(`aud.${a}`) : t('aud.everyone')}</option>)}
            </select>
          )}
        </Field>
        <div class="service-groups" data-testid="service-groups">
          {categories.map((c, i) => {
            const list = services.filter((s) => (s.category || '') === c);
            const picked = list.filter((s) => chosen.includes(s.id)).length;
            const open = (openCats ?? new Set([categories[0]])).has(c) || picked > 0;
            const listId = `svc-cat-${i}`;
            return (
              <section class="service-group" data-testid={`category-${c || 'other'}`}>
                <h3>
                  <button type="button" class="cat-toggle" aria-expanded={open} aria-controls={listId}
                    data-testid={`category-toggle-${c || 'other'}`}
                    onClick={() => {
                      const next = new Set(openCats ?? [categories[0]]);
                      open ? next.delete(c) : next.add(c);
                      setOpenCats(next);
                    }}>
                    <span class="chev" aria-hidden="true">{open ? '▾' : '▸'}</span>
                    <span class="grow">{c || t('portal.otherServices')}</span>
                    <span class="muted small">{picked ? t('portal.chosenOf', { n: picked, total: list.length }) : tn('portal.servicesCount', list.length)}</span>
                  </button>
                </h3>
                <ul class="service-list" id={listId} hidden={!open}>
                  {list.map((s) => (
                    <li>
                      <label class="choice service">
                        <input type="checkbox" checked={chosen.includes(s.id)} data-testid={`service-${s.id}`}
                          onChange={(e) => toggleService(s.id, (e.currentTarget as HTMLInputElement).checked)} />
                        <span class="grow">
                          <strong>{s.name}</strong>
                          {s.package_only && <span class="badge" data-testid="package-only">{t('portal.inPackage')}</span>}
                          {s.discovery && <span class="badge">{t('svc.discovery')}</span>}
                          <br />
                          <span class="muted small">{s.duration_minutes} min{s.package_only ? '' : ` · ${fmtMoney(s.price_cents, salon?.currency, lang)}`}</span>
                        </span>
                      </label>
                    </li>
                  ))}
                </ul>
              </section>
            );
          })}
          {!services.length && <p class="muted">{t('portal.noServices')}</p>}
        </div>
      </section>
      {chosen.length > 0 && showStaff && (
        <section class="card step">
          <h2><span class="num">{me ? 3 : 2}</span> {t('portal.staff')}</h2>
          <Field label={t('portal.staffChoice')}>
            {(id) => (
              <select id={id} value={staffId ?? ''} data-testid="staff-choice"
                onChange={(e) => setStaffId(val(e) ? Number(val(e)) : null)}>
                <option value="">{t('portal.anyone')}</option>
                {capable.map((s) => <option value={s.id}>{s.first_name}</option>)}
              </select>
            )}
          </Field>
        </section>
      )}
      {chosen.length > 0 && (
        <section class="card step">
          <h2><span class="num">{(me ? 3 : 2) + (showStaff ? 1 : 0)}</span> {t('portal.when')}</h2>
          <SlotPicker serviceIds={chosen} staffId={staffId} tz={tz} selected={slot} onPick={setSlot}
            salonId={salonId} initialDate={carried?.slot ? isoDate(carried.slot.start) : undefined} />
        </section>
      )}
      {slot && (
        <section class="card step" data-testid="booking-summary">
          <h2>{t('portal.summary')}</h2>
          <p>
            <strong>{fmtDate(isoDate(slot.start), lang)} · {isoTime(slot.start)}–{isoTime(slot.end)}</strong>
          </p>
          <ul>
            {(slot.lines ?? []).map((l) => (
              <li>{services.find((s) => s.id === l.service_id)?.name} · {isoTime(l.start)} · {staffLabel(l.staff_id)}</li>
            ))}
          </ul>
          <p class="booking-total" data-testid="booking-total">
            <strong>{t('portal.total')}</strong> {minutesBetween(slot.start, slot.end)} min · {fmtMoney(totalPrice, salon?.currency, lang)}
            {chosenServices.some((s) => s.package_only) && <span class="muted small"> ({t('portal.packageNotCharged')})</span>}
          </p>
          <Check label={t('portal.notifyEarlier')} checked={notify} onChange={setNotify} testid="notify-earlier" />
          <Field label={t('appt.clientRequest')}>
            {(id) => <textarea id={id} rows={2} value={request_} data-testid="client-request" onInput={(e) => setRequest(val(e))} />}
          </Field>
          {me ? (
            <>
              <ErrorBox error={error} testid="booking-error" />
              <button type="button" class="primary block" disabled={busy} data-testid="book-submit" onClick={book}>
                {t('portal.confirmBooking')}
              </button>
            </>
          ) : (
            <div class="inline-auth">
              <p>{t('portal.loginToBook')}</p>
              <AuthForms mode="register" onDone={() => undefined} />
            </div>
          )}
        </section>
      )}
      {!slot && <ErrorBox error={error} testid="booking-error" />}
    </div>
  );
}
