// The agenda page: toolbar (date, day/week/resources, staff filter), link-queue alert, grid, appointment
// form, quick statuses, next-free-slot search. On a phone the agenda shows one staff member at a time.
import { useEffect, useRef, useState } from 'preact/hooks';
import { errorText } from '../common/api';
import { t, useLang } from '../common/i18n';
import { addDays, fromMin, fmtDate, fmtShortDate, isoDate, isoTime, localParts, startOfWeek, toMin, todayIn, zonedIso } from '../common/time';
import type { Appointment, AppointmentInput, TimeOff } from '../common/types';
import { ErrorBox, Check, fullName } from '../common/ui';
import { AbsenceDialog, AbsenceForm, AbsenceInit, buildAbsences } from './Absences';
import { AgendaGrid } from './AgendaGrid';
import { Block, DropTarget, View, buildBlocks, buildColumns, gridRange, shownStaff, weekDays } from './agendaLayout';
import { AppointmentForm, FormInit } from './AppointmentForm';
import { listAppointments, listTimeOff, updateAppointment } from './api/appointments';
import { getClients, getMe, loadCatalog, staffName, useCatalog } from './catalog';
import { LinkQueueAlert } from './LinkQueue';
import { NextFreeSlot } from './NextFreeSlot';
import { QuickStatus } from './QuickStatus';
import { useNarrow } from './useNarrow';


// The date, view and staff filter live in the hash (#/agenda?date=…&view=…&staff=…) and in sessionStorage,
// so coming back to the agenda from another page keeps what was being looked at.
const STATE_KEY = 'creneau.agenda';
interface AgendaState {
  date?: string;
  view?: View;
  staff?: number;
}
function readState(): AgendaState {
  const q = new URLSearchParams(location.hash.split('?')[1] ?? '');
  let saved: AgendaState = {};
  try {
    saved = JSON.parse(sessionStorage.getItem(STATE_KEY) || '{}');
  } catch {
    /* ignore */
  }
  const staff = q.get('staff');
  return {
    date: q.get('date') ?? saved.date,
    view: (q.get('view') as View) ?? saved.view,
    staff: staff !== null ? Number(staff) || 0 : saved.staff,
  };
}

/** The salon's current date and minute, refreshed every minute (the agenda's current-time line). */
function useNow(tz?: string) {
  const read = () => {
    const p = localParts(new Date().toISOString(), tz);
    return { date: p.date, min: toMin(p.time) };
  };
  const [now, setNow] = useState(read);
  useEffect(() => {
    setNow(read());
    const h = setInterval(() => setNow(read()), 60_000);
    return () => clearInterval(h);
  }, [tz]);
  return now;
}

export function Agenda() {
  const lang = useLang();
  const cat = useCatalog();
  const narrow = useNarrow();
  const init = readState();
  const [view, setView] = useState<View>(init.view ?? 'day');
  const [date, setDate] = useState<string>(init.date ?? todayIn(cat?.salon.timezone));
  const [staffFilter, setStaffFilter] = useState<number>(init.staff ?? 0);
  const [appts, setAppts] = useState<Appointment[]>([]);
  const [names, setNames] = useState<Record<number, string>>({});
  const [showCancelled, setShowCancelled] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form, setForm] = useState<FormInit | null>(null);
  const [timeOff, setTimeOff] = useState<TimeOff[]>([]);
  const [absenceForm, setAbsenceForm] = useState<AbsenceInit | null>(null);
  const [absence, setAbsence] = useState<TimeOff | null>(null);
  const [reloadKey, setReloadKey] = useState(0);
  const [quick, setQuick] = useState<{ appt: Appointment; anchor: HTMLElement } | null>(null);
  const [nfs, setNfs] = useState(false);
  const [menuOpen, setMenuOpen] = useState(false);
  const now = useNow(cat?.salon.timezone);
  const swipe = useRef<{ x: number; y: number } | null>(null);
  const me = cat?.me ?? getMe();

  const from = view === 'week' ? startOfWeek(date) : date;
  const to = view === 'week' ? addDays(from, 6) : date;

  useEffect(() => {
    const q = `?date=${date}&view=${view}` + (staffFilter ? `&staff=${staffFilter}` : '');
    if (!location.hash.endsWith(q)) history.replaceState(null, '', `#/agenda${q}`);
    try {
      sessionStorage.setItem(STATE_KEY, JSON.stringify({ date, view, staff: staffFilter }));
    } catch {
      /* ignore */
    }
  }, [date, view, staffFilter]);

  const reload = async () => {
    try {
      const [list, off] = await Promise.all([listAppointments({ from, to, limit: 500 }), listTimeOff(from, to)]);
      setAppts(list);
      setTimeOff(off);
      // Every client name of the range in one request (GET /api/clients?ids=…).
      const ids = [...new Set(list.map((a) => a.client_id).filter((id): id is number => !!id))];
      const clients = await getClients(ids);
      setNames(Object.fromEntries(ids.map((id) => [id, fullName(clients.get(id))])));
    } catch (e) {
      setError(errorText(e));
    }
  };
  useEffect(() => {
    reload();
    // Online bookings and colleagues' changes show up without a manual refresh (not while a form is open).
    const h = setInterval(() => {
      if (!document.querySelector('.modal, .appt.dragging, .quick-status')) reload();
    }, 60_000);
    return () => clearInterval(h);
  }, [from, to, reloadKey]);

  if (!cat) return <p class="muted">{t('common.loading')}</p>;

  const visible = appts.filter((a) => showCancelled || a.status !== 'cancelled');
  const busyStaff = new Set<number>(visible.flatMap((a) => (a.lines ?? []).map((l) => l.staff_id)));
  timeOff.forEach((x) => busyStaff.add(x.staff_id));
  const busyKeys = new Set<string>(visible.flatMap((a) => (a.lines ?? []).map((l) => `s${l.staff_id}-${isoDate(l.start ?? a.start)}`)));
  const performers = shownStaff(cat, busyStaff, 0);
  // On a phone the agenda shows one person at a time: the chosen one, else me, else the first.
  // "My agenda" for someone who performs services (an owner's admin login has no column of its own).
  const mine = me && cat.staff.some((s) => s.id === me.id && s.service_ids.length > 0) ? me.id : 0;
  const effFilter = staffFilter && cat.staff.some((s) => s.id === staffFilter)
    ? staffFilter
    : narrow && view !== 'resources' ? (mine && performers.some((s) => s.id === mine) ? mine : performers[0]?.id ?? 0) : 0;
  const staff = shownStaff(cat, busyStaff, effFilter);
  const busyDays = new Set<string>([...busyKeys].filter((k) => !effFilter || k.startsWith(`s${effFilter}-`)).map((k) => k.slice(k.indexOf('-') + 1)));
  const days = view === 'week' ? weekDays(cat, from, staff, effFilter, busyDays) : [date];
  const columns = buildColumns(cat, view, date, days, lang, staff, effFilter, busyKeys);
  const blocks = buildBlocks(cat, view, visible, names, t('agenda.unlinked'));

  // Grid range: the salon's widest hours over the shown days, stretched to fit every appointment (absences
  // are clipped to it: a whole-day absence must not stretch the grid to midnight).
  const absences = view === 'resources' ? [] : buildAbsences(timeOff, days);
  const { startMin, endMin } = gridRange(cat.salon.opening_hours, days, columns, blocks);
  const step = cat.salon.booking?.slot_step_minutes || 15;

  const onDrop = async (b: Block, target: DropTarget): Promise<boolean> => {
    setError(null);
    const a = b.appt;
    const delta = toMin(target.time) - toMin(isoTime(b.start));
    const dayShift = Math.round((Date.parse(target.col.date) - Date.parse(isoDate(b.start))) / 86400000);
    const apptStartMin = toMin(isoTime(a.start)) + delta;
    const newDate = addDays(isoDate(a.start), dayShift);
    const body: AppointmentInput = { start: zonedIso(newDate, fromMin(apptStartMin), cat.salon.timezone) };
    const fromStaff = Number(/^s(\d+)-/.exec(b.colKey)?.[1] ?? NaN);
    const fromRes = Number(/^r(\d+)-/.exec(b.colKey)?.[1] ?? NaN);
    const staffChange = target.col.staffId !== undefined && target.col.staffId !== fromStaff;
    const resChange = target.col.resourceId !== undefined && target.col.resourceId !== fromRes;
    if (delta === 0 && dayShift === 0 && !staffChange && !resChange) return true;
    if (staffChange || resChange) {
      body.lines = (a.lines ?? []).map((l) => ({
        service_id: l.service_id,
        staff_id: staffChange && l.staff_id === fromStaff ? target.col.staffId! : l.staff_id,
        resource_id: resChange && l.resource_id === fromRes ? target.col.resourceId : l.resource_id ?? null,
        duration_minutes: l.duration_minutes,
        price_cents: l.price_cents,
        answers: l.answers ?? {},
      }));
    }
    try {
      await updateAppointment(a.id, body);
      await reload();
      return true;
    } catch (e) {
      setError(errorText(e));
      return false;
    }
  };

  const shift = (n: number) => setDate(addDays(date, view === 'week' ? 7 * n : n));
  // A new absence defaults to that person's working hours of the day (else the grid's range).
  const openAbsenceForm = (staffId: number | undefined, d: string) => {
    const col = columns.find((c) => c.staffId === staffId && c.date === d);
    const open = col?.open ?? [];
    const s = open.length ? Math.min(...open.map((o) => o.start)) : startMin;
    const e = open.length ? Math.max(...open.map((o) => o.end)) : endMin;
    setAbsenceForm({ staffId, date: d, start: fromMin(s), end: fromMin(Math.min(e, 23 * 60 + 55)) });
  };
  // Swiping the day view sideways on a phone goes to the next or previous person.
  const staffCycle = performers.map((s) => s.id);
  const swipeTo = (dir: number) => {
    const i = staffCycle.indexOf(effFilter);
    if (i < 0 || !staffCycle.length) return;
    setStaffFilter(staffCycle[(i + dir + staffCycle.length) % staffCycle.length]);
  };
  const title = view === 'week' ? `${fmtShortDate(from, lang)} – ${fmtShortDate(to, lang)}` : fmtDate(date, lang);
  const newAbsence = () => openAbsenceForm(columns.find((c) => c.staffId !== undefined)?.staffId ?? cat.staff[0]?.id, view === 'week' ? from : date);
  return (
    <div class="agenda-page">
      <LinkQueueAlert onChange={() => setReloadKey((k) => k + 1)} />
      <div class="toolbar agenda-toolbar">
        <button type="button" onClick={() => shift(-1)} data-testid="agenda-prev" aria-label={t('agenda.prev')}>‹</button>
        <button type="button" onClick={() => setDate(todayIn(cat.salon.timezone))} data-testid="agenda-today">
          {t('agenda.today')}
        </button>
        <button type="button" onClick={() => shift(1)} data-testid="agenda-next" aria-label={t('agenda.next')}>›</button>
        <label class="sr-only" for="agenda-date">{t('agenda.date')}</label>
        <input id="agenda-date" type="date" value={date} data-testid="agenda-date"
          onChange={(e) => (e.currentTarget as HTMLInputElement).value && setDate((e.currentTarget as HTMLInputElement).value)} />
        <h2 class="agenda-title" data-testid="agenda-title">{title}</h2>
        <span class="spacer" />
        {view !== 'resources' && (
          <>
            <label class="sr-only" for="agenda-staff">{t('agenda.staffFilter')}</label>
            <select id="agenda-staff" class="staff-filter" value={effFilter || ''} data-testid="agenda-staff"
              onChange={(e) => setStaffFilter(Number((e.currentTarget as HTMLSelectElement).value) || 0)}>
              {!narrow && <option value="">{t('agenda.allStaff')}</option>}
              {performers.map((s) => <option value={s.id}>{staffName(cat, s.id)}</option>)}
            </select>
          </>
        )}
        <button type="button" class="primary" data-testid="new-appointment"
          onClick={() => setForm({ staffId: effFilter || cat.staff[0]?.id, date, time: `${String(Math.floor(startMin / 60)).padStart(2, '0')}:00` })}>
          + <span class="label-long">{t('agenda.newAppointment')}</span>
        </button>
        <button type="button" class="menu-toggle" aria-expanded={menuOpen} aria-controls="agenda-more" data-testid="agenda-menu"
          onClick={() => setMenuOpen(!menuOpen)}>
          ☰ <span class="sr-only">{t('nav.menu')}</span>
        </button>
        <div id="agenda-more" class={'toolbar-more' + (menuOpen ? ' open' : '')}>
          <div class="seg" role="group" aria-label={t('agenda.view')}>
            {(['day', 'week', 'resources'] as View[]).map((v) => (
              <button type="button" class={view === v ? 'on' : ''} aria-pressed={view === v}
                data-testid={`view-${v}`} onClick={() => { setView(v); setMenuOpen(false); }}>
                {t(`agenda.view.${v}`)}
              </button>
            ))}
          </div>
          {mine !== 0 && view !== 'resources' && (
            <button type="button" aria-pressed={effFilter === mine} class={effFilter === mine ? 'on' : ''} data-testid="my-agenda"
              onClick={() => { setStaffFilter(effFilter === mine && !narrow ? 0 : mine); setMenuOpen(false); }}>
              {t('agenda.mine')}
            </button>
          )}
          <Check label={t('agenda.showCancelled')} checked={showCancelled} onChange={setShowCancelled} testid="show-cancelled" />
          <button type="button" data-testid="next-free" onClick={() => { setNfs(true); setMenuOpen(false); }}>
            {t('nfs.open')}
          </button>
          <button type="button" data-testid="new-absence" onClick={() => { newAbsence(); setMenuOpen(false); }}>
            + {t('absence.new')}
          </button>
        </div>
      </div>
      <ErrorBox error={error} testid="agenda-error" />
      {columns.length === 0 ? (
        <p class="muted">{view === 'resources' ? t('agenda.noResources') : t('agenda.noStaff')}</p>
      ) : (
        <div
          onTouchStart={(e) => (swipe.current = { x: e.touches[0].clientX, y: e.touches[0].clientY })}
          onTouchEnd={(e) => {
            const s0 = swipe.current;
            swipe.current = null;
            if (!s0 || !narrow || view !== 'day' || document.querySelector('.appt.dragging')) return;
            const dx = e.changedTouches[0].clientX - s0.x;
            const dy = e.changedTouches[0].clientY - s0.y;
            if (Math.abs(dx) > 70 && Math.abs(dx) > 2 * Math.abs(dy)) swipeTo(dx < 0 ? 1 : -1);
          }}
        >
          <AgendaGrid
            columns={columns}
            blocks={blocks}
            startMin={startMin}
            endMin={endMin}
            step={step}
            label={`${t('nav.agenda')} ${title}`}
            onSlotClick={(col, time) =>
              setForm({ staffId: col.staffId ?? (effFilter || cat.staff[0]?.id), resourceId: col.resourceId, date: col.date, time })
            }
            onBlockClick={(a) => setForm({ appointment: a })}
            onBlockMenu={(a, anchor) => setQuick({ appt: a, anchor })}
            onBlockDrop={onDrop}
            compact={view === 'week' && !effFilter}
            wide={view === 'week' && !!effFilter}
            absences={absences}
            onAbsenceClick={setAbsence}
            onColumnAbsence={view === 'resources' ? undefined : (col) => openAbsenceForm(col.staffId, col.date)}
            now={now}
          />
        </div>
      )}
      <Legend />
      {quick && (
        <QuickStatus
          appt={quick.appt}
          anchor={quick.anchor}
          title={quick.appt.client_id ? names[quick.appt.client_id] ?? '' : t('agenda.unlinked')}
          onClose={() => setQuick(null)}
          onChanged={(a) => setAppts((list) => list.map((x) => (x.id === a.id ? { ...x, ...a } : x)))}
          onOpenForm={() => setForm({ appointment: quick.appt })}
        />
      )}
      {nfs && (
        <NextFreeSlot
          cat={cat}
          staffId={effFilter || undefined}
          onClose={() => setNfs(false)}
          onPick={(slot) => {
            setNfs(false);
            setDate(isoDate(slot.start));
            setForm({ date: isoDate(slot.start), time: isoTime(slot.start), lines: slot.lines, staffId: slot.lines?.[0]?.staff_id });
          }}
        />
      )}
      {absenceForm && (
        <AbsenceForm
          cat={cat}
          init={absenceForm}
          onClose={() => setAbsenceForm(null)}
          onSaved={() => {
            setAbsenceForm(null);
            reload();
          }}
        />
      )}
      {absence && (
        <AbsenceDialog
          cat={cat}
          timeOff={absence}
          onClose={() => setAbsence(null)}
          onDeleted={() => {
            setAbsence(null);
            reload();
          }}
        />
      )}
      {form && (
        <AppointmentForm
          init={form}
          onClose={() => setForm(null)}
          onSaved={() => {
            setForm(null);
            loadCatalog();
            reload();
          }}
        />
      )}
    </div>
  );
}

function Legend() {
  return (
    <div class="legend muted">
      <span><i class="sw status-approved" /> {t('status.approved')}</span>
      <span><i class="sw status-pending" /> {t('status.pending')}</span>
      <span><i class="sw sw-arrived" /> ✓ {t('appt.arrived')}</span>
      <span><i class="sw sw-paid" /> € {t('appt.paid')}</span>
      <span><i class="sw status-cancelled" /> {t('status.cancelled')}</span>
      <span>★ {t('agenda.requestedStaff')}</span>
      <span><b class="mark noshow">⊘</b> {t('agenda.noShow')}</span>
      <span>↑ {t('agenda.earlierWanted')}</span>
      <span><i class="sw absence-sw" /> {t('absence.title')}</span>
      <span>⋯ {t('agenda.quickHint')}</span>
    </div>
  );
}
