// "Next free slot": pick services (and maybe a staff member), see the next free starts across the coming
// weeks, pick one to open the booking form there. Availability is asked range after range (the API takes at
// most 93 days at once), a fortnight first so the common case answers fast.
import { useState } from 'preact/hooks';
import { errorText } from '../common/api';
import type { Slot } from '../common/types';
import { getAvailability } from './api/appointments';
import { t, useLang } from '../common/i18n';
import { addDays, fmtDate, fmtMoney, isoDate, isoTime, todayIn } from '../common/time';
import { Check, ErrorBox, Field, Modal, val } from '../common/ui';
import { Catalog, staffName } from './catalog';

const WANTED = 12;
const HORIZON_DAYS = 366;

export function NextFreeSlot(p: { cat: Catalog; staffId?: number; onClose: () => void; onPick: (slot: Slot) => void }) {
  const lang = useLang();
  const { cat } = p;
  const [chosen, setChosen] = useState<number[]>([]);
  const [staffId, setStaffId] = useState<number>(p.staffId ?? 0);
  const [slots, setSlots] = useState<Slot[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const today = todayIn(cat.salon.timezone);
  const limit = addDays(today, Math.min(HORIZON_DAYS, cat.salon.booking?.max_advance_days || HORIZON_DAYS));

  /** Asks range after range from `from` until WANTED more slots are found or the horizon is reached. */
  const search = async (from: string, found: Slot[]) => {
    setBusy(true);
    setError(null);
    try {
      let start = from;
      let span = 14;
      const out = [...found];
      while (start <= limit && out.length < found.length + WANTED) {
        const end = addDays(start, span - 1) < limit ? addDays(start, span - 1) : limit;
        const r = await getAvailability({ service_ids: chosen, from: start, to: end, staff_id: staffId || undefined });
        out.push(...(r?.slots ?? []));
        start = addDays(end, 1);
        span = 93;
      }
      setSlots(out);
      setNext(start <= limit ? start : null);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const toggle = (id: number, on: boolean) => {
    setSlots(null);
    setChosen(on ? [...chosen, id].slice(0, 5) : chosen.filter((x) => x !== id));
  };
  const picked = cat.services.filter((s) => chosen.includes(s.id));
  const totalMin = picked.reduce((n, s) => n + s.duration_minutes, 0);
  const totalPrice = picked.reduce((n, s) => n + s.price_cents, 0);
  const capable = cat.staff.filter((s) => s.service_ids.length && chosen.every((id) => s.service_ids.includes(id)));
  const byDay: [string, Slot[]][] = [];
  for (const s of slots ?? []) {
    const d = isoDate(s.start);
    const last = byDay[byDay.length - 1];
    if (last && last[0] === d) last[1].push(s);
    else byDay.push([d, [s]]);
  }
  const categories = [...new Set(cat.services.map((s) => s.category || ''))];

  return (
    <Modal title={t('nfs.title')} onClose={p.onClose} testid="next-free-dialog" wide>
      <form onSubmit={(e) => { e.preventDefault(); if (chosen.length) search(today, []); }}>
        <fieldset class="nfs-services">
          <legend>{t('appt.services')}</legend>
          {categories.map((c) => (
            <div class="nfs-cat">
              {c && <h3>{c}</h3>}
              {cat.services.filter((s) => (s.category || '') === c).map((s) => (
                <Check label={`${s.name} · ${s.duration_minutes} min`} checked={chosen.includes(s.id)}
                  testid={`nfs-service-${s.id}`} onChange={(on) => toggle(s.id, on)} />
              ))}
            </div>
          ))}
        </fieldset>
        <div class="row end">
          <Field label={t('nfs.staff')}>
            {(id) => (
              <select id={id} value={staffId || ''} data-testid="nfs-staff" onChange={(e) => { setSlots(null); setStaffId(Number(val(e)) || 0); }}>
                <option value="">{t('nfs.anyone')}</option>
                {capable.map((s) => <option value={s.id}>{staffName(cat, s.id)}</option>)}
              </select>
            )}
          </Field>
          {chosen.length > 0 && (
            <p class="nfs-total" data-testid="nfs-total">
              {t('appt.total', { min: totalMin, price: fmtMoney(totalPrice, cat.salon.currency, lang) })}
            </p>
          )}
          <button type="submit" class="primary" disabled={!chosen.length || busy} data-testid="nfs-search">{t('nfs.search')}</button>
        </div>
      </form>
      <ErrorBox error={error} testid="nfs-error" />
      {busy && <p class="muted" role="status">{t('common.loading')}</p>}
      {slots !== null && (
        <div class="nfs-results" data-testid="nfs-results" aria-live="polite">
          {!slots.length && <p class="muted" data-testid="nfs-none">{t('nfs.none')}</p>}
          {byDay.map(([d, list]) => (
            <div class="nfs-day">
              <h3 class="day-name">{fmtDate(d, lang)}</h3>
              <div class="slot-grid">
                {list.map((s) => (
                  <button type="button" class="slot-btn" data-testid={`nfs-slot-${d}T${isoTime(s.start)}`}
                    aria-label={`${fmtDate(d, lang)} ${isoTime(s.start)} · ${[...new Set((s.lines ?? []).map((l) => staffName(cat, l.staff_id)))].join(', ')}`}
                    onClick={() => p.onPick(s)}>
                    {isoTime(s.start)}
                    <span class="small slot-who">{[...new Set((s.lines ?? []).map((l) => cat.staff.find((x) => x.id === l.staff_id)?.first_name ?? ''))].join(', ')}</span>
                  </button>
                ))}
              </div>
            </div>
          ))}
          {next && slots.length > 0 && (
            <button type="button" disabled={busy} data-testid="nfs-more" onClick={() => search(next, slots)}>{t('nfs.more')}</button>
          )}
        </div>
      )}
    </Modal>
  );
}
