// Free slots for the chosen services, a week at a time (GET /api/portal/availability).
import { useEffect, useState } from 'preact/hooks';
import { errorText } from '../common/api';
import type { Slot } from '../common/types';
import { getPortalAvailability } from './api/appointments';
import { t, tn, useLang } from '../common/i18n';
import { addDays, fmtDate, fmtShortDate, isoDate, isoTime, todayIn } from '../common/time';
import { ErrorBox } from '../common/ui';

export function SlotPicker(p: {
  serviceIds: number[];
  staffId?: number | null;
  tz?: string;
  selected?: Slot | null;
  onPick: (slot: Slot) => void;
  initialDate?: string;
  /** In a network: the salon whose slots these are. */
  salonId?: number | null;
  /** Rescheduling that appointment: only the starts its move accepts (same staff and rooms). */
  appointmentId?: number;
}) {
  const lang = useLang();
  const [from, setFrom] = useState(p.initialDate ?? todayIn(p.tz));
  const [slots, setSlots] = useState<Slot[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [day, setDay] = useState<string | null>(null);
  const to = addDays(from, 6);
  const key = p.serviceIds.join(',');

  useEffect(() => {
    if (!p.serviceIds.length && !p.appointmentId) return;
    let live = true;
    setSlots(null);
    setError(null);
    const salon_id = p.salonId ?? undefined;
    const query = p.appointmentId
      ? { appointment_id: p.appointmentId, from, to, salon_id }
      : { service_ids: key, from, to, staff_id: p.staffId ?? undefined, salon_id };
    getPortalAvailability(query)
      .then((r) => live && setSlots(r?.slots ?? []))
      .catch((e) => live && (setError(errorText(e)), setSlots([])));
    return () => {
      live = false;
    };
  }, [key, from, p.staffId, p.salonId, p.appointmentId]);

  const days = [0, 1, 2, 3, 4, 5, 6].map((i) => addDays(from, i));
  const byDay: Record<string, Slot[]> = {};
  for (const s of slots ?? []) (byDay[isoDate(s.start)] ??= []).push(s);
  // The day shown: the one chosen, else the first of the week with a free slot.
  const shownDay = day && days.includes(day) ? day : days.find((d) => (byDay[d] ?? []).length) ?? from;
  return (
    <div class="slot-picker" data-testid="slot-picker">
      <div class="toolbar">
        <button type="button" aria-label={t('agenda.prev')} data-testid="slots-prev"
          disabled={from <= todayIn(p.tz)} onClick={() => setFrom(addDays(from, -7))}>‹</button>
        <span class="range">{fmtShortDate(from, lang)} – {fmtShortDate(to, lang)}</span>
        <button type="button" aria-label={t('agenda.next')} data-testid="slots-next" onClick={() => setFrom(addDays(from, 7))}>›</button>
        <label class="sr-only" for="slots-date">{t('agenda.date')}</label>
        <input id="slots-date" type="date" value={from} data-testid="slots-date"
          onChange={(e) => (e.currentTarget as HTMLInputElement).value && setFrom((e.currentTarget as HTMLInputElement).value)} />
      </div>
      <ErrorBox error={error} />
      {slots === null ? (
        <p class="muted">{t('common.loading')}</p>
      ) : (
        <>
          <div class="day-strip" role="tablist" aria-label={t('portal.when')}>
            {days.map((d) => (
              <button type="button" role="tab" aria-selected={d === shownDay}
                class={'day-btn' + (d === shownDay ? ' on' : '') + ((byDay[d] ?? []).length ? '' : ' empty')}
                aria-label={`${fmtDate(d, lang)}: ${tn('portal.slotsCount', (byDay[d] ?? []).length)}`}
                data-testid={`pday-${d}`} onClick={() => setDay(d)}>
                <span class="day-name">{fmtDate(d, lang, { weekday: 'short', day: 'numeric', month: undefined, year: undefined })}</span>
                <span class="small">{(byDay[d] ?? []).length || '—'}</span>
              </button>
            ))}
          </div>
          <div class="slot-grid" data-testid="slot-grid">
            {(byDay[shownDay] ?? []).map((s) => {
              const on = p.selected && p.selected.start === s.start;
              return (
                <button type="button" class={'slot-btn' + (on ? ' on' : '')} aria-pressed={!!on}
                  data-testid={`pslot-${shownDay}T${isoTime(s.start)}`} onClick={() => p.onPick(s)}>
                  {isoTime(s.start)}
                </button>
              );
            })}
            {slots.length > 0 && !(byDay[shownDay] ?? []).length && <span class="muted small">{t('portal.noSlotsDay')}</span>}
          </div>
        </>
      )}
      {slots !== null && !slots.length && !error && <p class="muted" data-testid="slots-none">{t('portal.noSlots')}</p>}
    </div>
  );
}
