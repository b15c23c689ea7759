// The agenda page: toolbar (date, day/week/resources), link-queue alert, grid, appointment form.
import { useEffect, useState } from 'preact/hooks';
import { api, errorText, itemsOf } from '../common/api';
import { t, useLang } from '../common/i18n';
import { addDays, fromMin, fmtDate, fmtShortDate, isoDate, isoTime, startOfWeek, toMin, todayIn, weekday, zonedIso } from '../common/time';
import { ErrorBox, Check, fullName } from '../common/ui';
import { AbsenceDialog, AbsenceForm, AbsenceInit, buildAbsences } from './Absences';
import { AgendaGrid, Block, Column, DropTarget, openIntervals } from './AgendaGrid';
import { AppointmentForm, FormInit } from './AppointmentForm';
import { Catalog, getClient, loadCatalog, serviceName, useCatalog } from './catalog';
import { LinkQueueAlert } from './LinkQueue';

type View = 'day' | 'week' | 'resources';

// The date and view live in the hash (#/agenda?date=…&view=…) and in sessionStorage, so coming back to the
// agenda from another page keeps the day being looked at.
const STATE_KEY = 'creneau.agenda';
function readState(): { date?: string; view?: View } {
  const q = new URLSearchParams(location.hash.split('?')[1] ?? '');
  let saved: { date?: string; view?: View } = {};
  try {
    saved = JSON.parse(sessionStorage.getItem(STATE_KEY) || '{}');
  } catch {
    /* ignore */
  }
  return { date: q.get('date') ?? saved.date, view: (q.get('view') as View) ?? saved.view };
}

function buildColumns(c: Catalog, view: View, date: string, lang: string, busy: Set<number>): Column[] {
  const salonOpen = (d: string) => openIntervals(c.salon.opening_hours, weekday(d));
  const staffOpen = (s: Catalog['staff'][number], d: string) => {
    const so = salonOpen(d);
    if (!s.hours || !s.hours.length) return so;
    return openIntervals(s.hours, weekday(d));
  };
  if (view === 'resources') {
    return c.resources.map((r) => ({
      key: `r${r.id}-${date}`, date, resourceId: r.id, label: r.name, open: salonOpen(date),
    }));
  }
  const days = view === 'week' ? [0, 1, 2, 3, 4, 5, 6].map((i) => addDays(startOfWeek(date), i)) : [date];
  const cols: Column[] = [];
  // Staff who perform no service (e.g. an owner's admin login) get no column unless they hold appointments.
  let shown = c.staff.filter((s) => s.service_ids.length > 0 || busy.has(s.id));
  if (!shown.length) shown = c.staff;
  for (const d of days) {
    shown.forEach((s, i) =>
      cols.push({
        key: `s${s.id}-${d}`,
        date: d,
        staffId: s.id,
        label: view === 'week' ? s.first_name : fullName(s),
        sublabel: view === 'week' && i === 0 ? fmtShortDate(d, lang) : undefined,
        open: staffOpen(s, d),
        groupStart: view === 'week' && i === 0,
      }),
    );
  }
  return cols;
}

function buildBlocks(c: Catalog, view: View, appts: any[], names: Record<number, string>): Block[] {
  const out: Block[] = [];
  for (const a of appts) {
    const lines: any[] = a.lines ?? [];
    const title = a.client_id ? names[a.client_id] ?? `#${a.client_id}` : t('agenda.unlinked');
    // Consecutive lines in the same column make one block.
    let cur: Block | null = null;
    lines.forEach((l, i) => {
      const start = l.start ?? a.start;
      const end = l.end ?? a.end;
      const d = isoDate(start);
      const colKey = view === 'resources' ? (l.resource_id ? `r${l.resource_id}-${d}` : '') : `s${l.staff_id}-${d}`;
      if (!colKey) {
        cur = null;
        return;
      }
      if (cur && cur.colKey === colKey) {
        cur.end = end;
        cur.services += ', ' + serviceName(c, l.service_id);
      } else {
        cur = { key: `${a.id}-${i}`, appt: a, colKey, start, end, title, services: serviceName(c, l.service_id) };
        out.push(cur);
      }
    });
  }
  return out;
}

export function Agenda() {
  const lang = useLang();
  const cat = useCatalog();
  const init = readState();
  const [view, setView] = useState<View>(init.view ?? 'day');
  const [date, setDate] = useState<string>(init.date ?? todayIn(cat?.salon.timezone));
  const [appts, setAppts] = useState<any[]>([]);
  const [names, setNames] = useState<Record<number, string>>({});
  const [showCancelled, setShowCancelled] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form, setForm] = useState<FormInit | null>(null);
  const [timeOff, setTimeOff] = useState<any[]>([]);
  const [absenceForm, setAbsenceForm] = useState<AbsenceInit | null>(null);
  const [absence, setAbsence] = useState<any | null>(null);
  const [reloadKey, setReloadKey] = useState(0);

  const from = view === 'week' ? startOfWeek(date) : date;
  const to = view === 'week' ? addDays(from, 6) : date;

  useEffect(() => {
    const q = `?date=${date}&view=${view}`;
    if (!location.hash.endsWith(q)) history.replaceState(null, '', `#/agenda${q}`);
    try {
      sessionStorage.setItem(STATE_KEY, JSON.stringify({ date, view }));
    } catch {
      /* ignore */
    }
  }, [date, view]);

  const reload = async () => {
    try {
      const [r, off] = await Promise.all([
        api('GET', '/api/appointments', undefined, { from, to, limit: 500 }),
        api('GET', '/api/time_off', undefined, { from, to, limit: 500 }),
      ]);
      const list = itemsOf(r);
      setAppts(list);
      setTimeOff(itemsOf(off));
      const ids = [...new Set(list.map((a: any) => a.client_id).filter(Boolean))] as number[];
      const pairs = await Promise.all(ids.map(async (id) => [id, fullName(await getClient(id))] as const));
      setNames(Object.fromEntries(pairs));
    } catch (e) {
      setError(errorText(e));
    }
  };
  useEffect(() => {
    reload();
    // Online bookings and colleagues' changes show up without a manual refresh (not while a form is open).
    const h = setInterval(() => {
      if (!document.querySelector('.modal, .appt.dragging')) reload();
    }, 60_000);
    return () => clearInterval(h);
  }, [from, to, reloadKey]);

  if (!cat) return <p class="muted">{t('common.loading')}</p>;

  const visible = appts.filter((a) => showCancelled || a.status !== 'cancelled');
  const busyStaff = new Set<number>(visible.flatMap((a) => (a.lines ?? []).map((l: any) => l.staff_id)));
  timeOff.forEach((x) => busyStaff.add(x.staff_id));
  const columns = buildColumns(cat, view, date, lang, busyStaff);
  const blocks = buildBlocks(cat, view, visible, names);

  // Grid range: the salon's widest hours over the shown days, stretched to fit every appointment (absences
  // are clipped to it: a whole-day absence must not stretch the grid to midnight).
  const days = view === 'week' ? [0, 1, 2, 3, 4, 5, 6].map((i) => addDays(from, i)) : [date];
  const absences = view === 'resources' ? [] : buildAbsences(timeOff, days);
  let startMin = 24 * 60;
  let endMin = 0;
  for (const d of days)
    for (const o of openIntervals(cat.salon.opening_hours, weekday(d))) {
      startMin = Math.min(startMin, o.start);
      endMin = Math.max(endMin, o.end);
    }
  for (const col of columns)
    for (const o of col.open) {
      startMin = Math.min(startMin, o.start);
      endMin = Math.max(endMin, o.end);
    }
  if (startMin >= endMin) {
    startMin = 9 * 60;
    endMin = 19 * 60;
  }
  for (const b of blocks) {
    startMin = Math.min(startMin, toMin(isoTime(b.start)));
    endMin = Math.max(endMin, isoDate(b.end) > isoDate(b.start) ? 1440 : toMin(isoTime(b.end)));
  }
  startMin = Math.floor(startMin / 60) * 60;
  endMin = Math.ceil(endMin / 60) * 60;
  const step = cat.salon.booking?.slot_step_minutes || 15;

  const onDrop = async (b: Block, target: DropTarget): Promise<boolean> => {
    setError(null);
    const a = b.appt;
    const delta = toMin(target.time) - toMin(isoTime(b.start));
    const dayShift = Math.round((Date.parse(target.col.date) - Date.parse(isoDate(b.start))) / 86400000);
    const apptStartMin = toMin(isoTime(a.start)) + delta;
    const newDate = addDays(isoDate(a.start), dayShift);
    const body: any = { start: zonedIso(newDate, fromMin(apptStartMin), cat.salon.timezone) };
    const fromStaff = Number(/^s(\d+)-/.exec(b.colKey)?.[1] ?? NaN);
    const fromRes = Number(/^r(\d+)-/.exec(b.colKey)?.[1] ?? NaN);
    const staffChange = target.col.staffId !== undefined && target.col.staffId !== fromStaff;
    const resChange = target.col.resourceId !== undefined && target.col.resourceId !== fromRes;
    if (delta === 0 && dayShift === 0 && !staffChange && !resChange) return true;
    if (staffChange || resChange) {
      body.lines = (a.lines ?? []).map((l: any) => ({
        service_id: l.service_id,
        staff_id: staffChange && l.staff_id === fromStaff ? target.col.staffId : l.staff_id,
        resource_id: resChange && l.resource_id === fromRes ? target.col.resourceId : l.resource_id ?? null,
        duration_minutes: l.duration_minutes,
        price_cents: l.price_cents,
        answers: l.answers ?? {},
      }));
    }
    try {
      await api('PATCH', `/api/appointments/${a.id}`, body);
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
  return (
    <div class="agenda-page">
      <LinkQueueAlert onChange={() => setReloadKey((k) => k + 1)} />
      <div class="toolbar">
        <button type="button" onClick={() => shift(-1)} data-testid="agenda-prev" aria-label={t('agenda.prev')}>‹</button>
        <button type="button" onClick={() => setDate(todayIn(cat.salon.timezone))} data-testid="agenda-today">
          {t('agenda.today')}
        </button>
        <button type="button" onClick={() => shift(1)} data-testid="agenda-next" aria-label={t('agenda.next')}>›</button>
        <label class="sr-only" for="agenda-date">{t('agenda.date')}</label>
        <input id="agenda-date" type="date" value={date} data-testid="agenda-date"
          onChange={(e) => (e.currentTarget as HTMLInputElement).value && setDate((e.currentTarget as HTMLInputElement).value)} />
        <h2 class="agenda-title" data-testid="agenda-title">
          {view === 'week' ? `${fmtShortDate(from, lang)} – ${fmtShortDate(to, lang)}` : fmtDate(date, lang)}
        </h2>
        <span class="spacer" />
        <div class="seg" role="group" aria-label={t('agenda.view')}>
          {(['day', 'week', 'resources'] as View[]).map((v) => (
            <button type="button" class={view === v ? 'on' : ''} aria-pressed={view === v}
              data-testid={`view-${v}`} onClick={() => setView(v)}>
              {t(`agenda.view.${v}`)}
            </button>
          ))}
        </div>
        <Check label={t('agenda.showCancelled')} checked={showCancelled} onChange={setShowCancelled} testid="show-cancelled" />
        <button type="button" data-testid="new-absence" onClick={() => openAbsenceForm(columns.find((c) => c.staffId !== undefined)?.staffId ?? cat.staff[0]?.id, view === 'week' ? from : date)}>
          + {t('absence.new')}
        </button>
        <button type="button" class="primary" data-testid="new-appointment"
          onClick={() => setForm({ staffId: cat.staff[0]?.id, date, time: `${String(Math.floor(startMin / 60)).padStart(2, '0')}:00` })}>
          + {t('agenda.newAppointment')}
        </button>
      </div>
      <ErrorBox error={error} testid="agenda-error" />
      {columns.length === 0 ? (
        <p class="muted">{view === 'resources' ? t('agenda.noResources') : t('agenda.noStaff')}</p>
      ) : (
        <AgendaGrid
          columns={columns}
          blocks={blocks}
          startMin={startMin}
          endMin={endMin}
          step={step}
          onSlotClick={(col, time) =>
            setForm({ staffId: col.staffId ?? cat.staff[0]?.id, resourceId: col.resourceId, date: col.date, time })
          }
          onBlockClick={(a) => setForm({ appointment: a })}
          onBlockDrop={onDrop}
          compact={view === 'week'}
          absences={absences}
          onAbsenceClick={setAbsence}
          onColumnAbsence={view === 'resources' ? undefined : (col) => openAbsenceForm(col.staffId, col.date)}
        />
      )}
      <Legend />
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
      <span><i class="sw status-cancelled" /> {t('status.cancelled')}</span>
      <span>★ {t('agenda.requestedStaff')}</span>
      <span><b class="mark noshow">⊘</b> {t('agenda.noShow')}</span>
      <span>↑ {t('agenda.earlierWanted')}</span>
      <span><i class="sw absence-sw" /> {t('absence.title')}</span>
    </div>
  );
}
