// My appointments (mine and my members'): a list and a month calendar; cancel and reschedule.
import { useEffect, useState } from 'preact/hooks';
import { errorText } from '../common/api';
import type { Appointment, PublicSalon, PublicStaff, Service, Slot } from '../common/types';
import { cancelMyAppointment, listMyAppointments, rescheduleMyAppointment } from './api/appointments';
import { packageSummary, t, useLang } from '../common/i18n';
import { addDays, addMonths, fmtDate, fmtShortDate, isoDate, isoTime, startOfMonth, startOfWeek, todayIn } from '../common/time';
import { ErrorBox, Modal, Notice, fullName } from '../common/ui';
import { Link } from './Link';
import { SlotPicker } from './SlotPicker';
import { getAllServices, getPublicStaff, getSalon, memberId, useMe } from './session';
import { networkServices, salonAddress, useNetworkSalons } from './salons';

export function MyAppointments() {
  const lang = useLang();
  const [me, ready] = useMe();
  const [items, setItems] = useState<Appointment[] | null>(null);
  const [services, setServices] = useState<Service[]>([]);
  const [staff, setStaff] = useState<PublicStaff[]>([]);
  const [salon, setSalon] = useState<PublicSalon | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [month, setMonth] = useState(startOfMonth(todayIn()));
  const [day, setDay] = useState<string | null>(null);
  const [moving, setMoving] = useState<Appointment | null>(null);
  const [cancelling, setCancelling] = useState<Appointment | null>(null);
  const [showPast, setShowPast] = useState(false);
  // In a network: every salon's visits, each with its salon (and staff names gathered from every salon).
  const netSalons = useNetworkSalons() ?? [];
  const multi = netSalons.length > 1;
  const salonOf = (a: Appointment) => netSalons.find((x) => x.id === a.salon_id);
  useEffect(() => {
    if (!multi) return;
    Promise.all(netSalons.map((x) => getPublicStaff(x.id))).then((lists) =>
      setStaff([...new Map(lists.flat().map((x) => [x.id, x])).values()]));
    networkServices(netSalons).then(setServices, () => undefined);
  }, [multi]);

  const load = () =>
    listMyAppointments()
      .then((r) => {
        const list = r.sort((a, b) => (a.start < b.start ? -1 : 1));
        // Open the calendar on the month of the next appointment the first time.
        if (items === null) {
          const next = list.find((a) => a.status !== 'cancelled' && Date.parse(a.start) >= Date.now());
          if (next) setMonth(startOfMonth(isoDate(next.start)));
        }
        setItems(list);
      })
      .catch((e) => setError(errorText(e)));
  useEffect(() => {
    getAllServices().then(setServices);
    getPublicStaff().then(setStaff);
    getSalon().then(setSalon);
    if (me) load();
  }, [!!me]);

  if (ready && !me)
    return (
      <div class="card">
        <p>{t('portal.loginFirst')}</p>
        <Link href="/book/login?next=/book/me" class="button primary" testid="login-first">{t('portal.login')}</Link>
      </div>
    );
  if (!me || items === null) return <p class="muted">{t('common.loading')}</p>;

  const who = (a: Appointment) => {
    if (!a.client_id || !me.client || a.client_id === me.client.id) return t('portal.myself');
    const m = me.members.find((x) => memberId(x) === a.client_id);
    return m ? fullName(m.member ?? m) : '';
  };
  const svc = (a: Appointment) => (a.lines ?? []).map((l) => services.find((s) => s.id === l.service_id)?.name ?? `#${l.service_id}`).join(', ');
  const staffOf = (a: Appointment) => [...new Set((a.lines ?? []).map((l) => staff.find((s) => s.id === l.staff_id)?.first_name).filter(Boolean))].join(', ');
  const now = new Date().toISOString();
  const list = items.filter((a) => (day ? isoDate(a.start) === day : showPast || Date.parse(a.end ?? a.start) >= Date.parse(now)));

  const doCancel = async (a: Appointment) => {
    setError(null);
    try {
      await cancelMyAppointment(a.id);
      setNotice(t('portal.cancelled'));
      setCancelling(null);
      load();
    } catch (e) {
      setCancelling(null);
      setError(errorText(e));
    }
  };

  return (
    <div class="my-appointments" data-testid="my-appointments">
      <h1>{t('portal.myAppointments')}</h1>
      <ErrorBox error={error} testid="my-error" />
      <Notice text={notice} testid="my-notice" />
      {!me.client && <p class="muted" data-testid="link-pending">{t('portal.linkPending')}</p>}
      {(me.packages ?? []).length > 0 && (
        <section class="card">
          <h2>{t('client.packages')}</h2>
          <ul>{me.packages.map((p) => <li><strong>{p.name}</strong> — {packageSummary(p)}</li>)}</ul>
        </section>
      )}
      <div class="my-cols">
        <MonthCalendar month={month} setMonth={setMonth} items={items} day={day} setDay={setDay} lang={lang} />
        <section class="card">
          <div class="toolbar">
            <h2>{day ? fmtDate(day, lang) : t('portal.upcoming')}</h2>
            <span class="spacer" />
            {day ? (
              <button type="button" class="link" onClick={() => setDay(null)}>{t('portal.allDays')}</button>
            ) : (
              <button type="button" class="link" data-testid="toggle-past" onClick={() => setShowPast(!showPast)}>
                {showPast ? t('portal.hidePast') : t('portal.showPast')}
              </button>
            )}
          </div>
          <ul class="appt-list">
            {list.map((a) => (
              <li class={`my-appt status-${a.status}`} data-testid={`my-appt-${a.id}`} data-status={a.status}>
                <div class="grow">
                  <strong>{fmtDate(isoDate(a.start), lang)} · {isoTime(a.start)}</strong>
                  {multi && (
                    <div class="appt-salon" data-testid="my-appt-salon" title={salonAddress(salonOf(a))}>
                      {salonOf(a)?.name ?? ''}
                    </div>
                  )}
                  <div>{svc(a)}</div>
                  <div class="muted small">{[who(a), staffOf(a)].filter(Boolean).join(' · ')}</div>
                  <span class={`badge status-${a.status}`} data-testid="my-appt-status">{t(`status.${a.status}`)}</span>
                  {a.notify_earlier_slot && a.status !== 'cancelled' && <span class="badge">↑ {t('agenda.earlierWanted')}</span>}
                </div>
                {a.status !== 'cancelled' && Date.parse(a.start) > Date.now() && (
                  <div class="my-actions">
                    {!a.group && (
                      <button type="button" data-testid={`reschedule-${a.id}`} onClick={() => setMoving(a)}>{t('portal.reschedule')}</button>
                    )}
                    <button type="button" class="danger-outline" data-testid={`cancel-${a.id}`} onClick={() => setCancelling(a)}>
                      {t('portal.cancel')}
                    </button>
                  </div>
                )}
              </li>
            ))}
            {!list.length && <li class="muted" data-testid="my-none">{t('portal.noAppointments')}</li>}
          </ul>
        </section>
      </div>
      {cancelling && (
        <Modal title={t('portal.cancelTitle')} onClose={() => setCancelling(null)} testid="cancel-dialog">
          <p>{fmtDate(isoDate(cancelling.start), lang)} · {isoTime(cancelling.start)} — {svc(cancelling)}</p>
          <div class="actions">
            <button type="button" onClick={() => setCancelling(null)}>{t('common.back')}</button>
            <button type="button" class="danger" data-testid="cancel-confirm" onClick={() => doCancel(cancelling)}>{t('portal.cancelConfirm')}</button>
          </div>
        </Modal>
      )}
      {moving && (
        <Reschedule a={moving} tz={salonOf(moving)?.timezone ?? salon?.timezone} salonId={multi ? moving.salon_id : null} onClose={() => setMoving(null)}
          onDone={() => { setMoving(null); setNotice(t('portal.rescheduled')); load(); }} />
      )}
    </div>
  );
}

function Reschedule(p: { a: Appointment; tz?: string; salonId?: number | null; onClose: () => void; onDone: () => void }) {
  const lang = useLang();
  const [slot, setSlot] = useState<Slot | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ids = (p.a.lines ?? []).map((l) => l.service_id);
  const go = async () => {
    setError(null);
    try {
      await rescheduleMyAppointment(p.a.id, slot!.start);
      p.onDone();
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <Modal title={t('portal.reschedule')} onClose={p.onClose} testid="reschedule-dialog" wide>
      <SlotPicker serviceIds={ids} appointmentId={p.a.id} tz={p.tz} selected={slot} onPick={setSlot} salonId={p.salonId} />
      <ErrorBox error={error} testid="reschedule-error" />
      <div class="actions">
        <button type="button" onClick={p.onClose}>{t('common.cancel')}</button>
        <button type="button" class="primary" disabled={!slot} data-testid="reschedule-confirm" onClick={go}>
          {slot ? t('portal.moveTo', { when: `${fmtShortDate(isoDate(slot.start), lang)} ${isoTime(slot.start)}` }) : t('portal.pickSlot')}
        </button>
      </div>
    </Modal>
  );
}

function MonthCalendar(p: {
  month: string; setMonth: (m: string) => void; items: Appointment[]; day: string | null; setDay: (d: string | null) => void; lang: string;
}) {
  const first = startOfWeek(p.month);
  const cells = Array.from({ length: 42 }, (_, i) => addDays(first, i));
  const count: Record<string, number> = {};
  for (const a of p.items) if (a.status !== 'cancelled') count[isoDate(a.start)] = (count[isoDate(a.start)] ?? 0) + 1;
  const title = fmtDate(p.month, p.lang, { weekday: undefined, day: undefined });
  const wd = p.lang === 'en' ? ['M', 'T', 'W', 'T', 'F', 'S', 'S'] : ['L', 'M', 'M', 'J', 'V', 'S', 'D'];
  return (
    <section class="card month" data-testid="my-calendar">
      <div class="toolbar">
        <button type="button" aria-label={t('agenda.prev')} onClick={() => p.setMonth(addMonths(p.month, -1))}>‹</button>
        <strong class="grow center">{title}</strong>
        <button type="button" aria-label={t('agenda.next')} data-testid="month-next" onClick={() => p.setMonth(addMonths(p.month, 1))}>›</button>
      </div>
      <div class="month-grid">
        {wd.map((d) => <span class="wd">{d}</span>)}
        {cells.map((d) => (
          <button type="button"
            class={'mday' + (d.slice(0, 7) !== p.month.slice(0, 7) ? ' out' : '') + (count[d] ? ' has' : '') + (p.day === d ? ' on' : '')}
            data-testid={`mday-${d}`} aria-label={d + (count[d] ? ` (${count[d]})` : '')}
            onClick={() => p.setDay(p.day === d ? null : d)}>
            {Number(d.slice(8))}
            {count[d] ? <i class="dot" /> : null}
          </button>
        ))}
      </div>
    </section>
  );
}
