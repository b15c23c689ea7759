// Staff time off on the agenda: the blocks to draw, a small form to record one, a dialog to remove one.
import { useState } from 'preact/hooks';
import { errorText, fieldErrorOf, FieldError } from '../common/api';
import type { TimeOff } from '../common/types';
import { addTimeOff, deleteTimeOff } from './api/appointments';
import { t, useLang } from '../common/i18n';
import { fmtShortDate, isoDate, isoTime, toMin, zonedIso } from '../common/time';
import { ErrorBox, Field, Modal, fullName, val } from '../common/ui';
import type { AbsenceBlock } from './agendaLayout';
import { Catalog, staffName } from './catalog';

/** One block per staff column and day the absence touches, in minutes of that day. */
export function buildAbsences(timeOff: TimeOff[], days: string[]): AbsenceBlock[] {
  const out: AbsenceBlock[] = [];
  for (const x of timeOff) {
    const sd = isoDate(x.start);
    const ed = isoDate(x.end);
    for (const d of days) {
      if (d < sd || d > ed) continue;
      const startMin = d > sd ? 0 : toMin(isoTime(x.start));
      const endMin = d < ed ? 24 * 60 : toMin(isoTime(x.end));
      if (endMin <= startMin) continue;
      out.push({
        key: `to${x.id}-${d}`,
        colKey: `s${x.staff_id}-${d}`,
        startMin,
        endMin,
        label: x.reason || t('absence.title'),
        when: `${d > sd ? '…' : isoTime(x.start)}–${d < ed ? '…' : isoTime(x.end)}`,
        timeOff: x,
      });
    }
  }
  return out;
}

/** "lun. 1 mars, 10:00–12:00" or "1 mars 18:00 → 3 mars 10:00". */
export function absencePeriod(x: TimeOff, lang: string): string {
  const sd = isoDate(x.start);
  const ed = isoDate(x.end);
  if (sd === ed) return `${fmtShortDate(sd, lang)}, ${isoTime(x.start)}–${isoTime(x.end)}`;
  return `${fmtShortDate(sd, lang)} ${isoTime(x.start)} → ${fmtShortDate(ed, lang)} ${isoTime(x.end)}`;
}

export interface AbsenceInit {
  staffId?: number;
  date: string;
  start: string;
  end: string;
}

/** Records an absence: POST /api/staff/{id}/time_off. */
export function AbsenceForm(p: { cat: Catalog; init: AbsenceInit; onClose: () => void; onSaved: () => void }) {
  const { cat } = p;
  const [staffId, setStaffId] = useState<number>(p.init.staffId ?? cat.staff[0]?.id ?? 0);
  const [startDate, setStartDate] = useState(p.init.date);
  const [startTime, setStartTime] = useState(p.init.start);
  const [endDate, setEndDate] = useState(p.init.date);
  const [endTime, setEndTime] = useState(p.init.end);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fieldErr, setFieldErr] = useState<FieldError | null>(null);
  const [busy, setBusy] = useState(false);
  const errFor = (...fields: string[]) => (fieldErr && fields.includes(fieldErr.field) ? fieldErr.message : null);
  // Editing the field an error named clears that error (its message no longer applies).
  const edit = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    if (fieldErr) {
      setFieldErr(null);
      setError(null);
    }
  };

  const save = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setFieldErr(null);
    if (!staffId) return setError(t('absence.err.staff'));
    if (!startDate || !startTime || !endDate || !endTime) {
      const f = { field: !startDate || !startTime ? 'start' : 'end', message: t('absence.err.when') };
      setFieldErr(f);
      return setError(f.message);
    }
    if (`${endDate}T${endTime}` <= `${startDate}T${startTime}`) {
      const f = { field: 'end', message: t('absence.err.order') };
      setFieldErr(f);
      return setError(f.message);
    }
    setBusy(true);
    try {
      await addTimeOff(staffId, {
        start: zonedIso(startDate, startTime, cat.salon.timezone),
        end: zonedIso(endDate, endTime, cat.salon.timezone),
        reason: reason.trim(),
      });
      p.onSaved();
    } catch (err) {
      setError(errorText(err));
      setFieldErr(fieldErrorOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal title={t('absence.newTitle')} onClose={p.onClose} testid="absence-form">
      <form onSubmit={save}>
        <Field label={t('appt.staff')} error={errFor('staff_id')}>
          {(id) => (
            <select id={id} value={staffId} data-testid="absence-staff" onChange={(e) => edit(setStaffId)(Number(val(e)))}>
              {cat.staff.map((s) => (
                <option value={s.id}>{fullName(s)}</option>
              ))}
            </select>
          )}
        </Field>
        <div class="row">
          <Field label={t('absence.from')} error={errFor('start')}>
            {(id) => <input id={id} type="date" required value={startDate} data-testid="absence-start-date"
              onInput={(e) => {
                const v = val(e);
                edit(setStartDate)(v);
                if (v && (!endDate || endDate < v)) setEndDate(v);
              }} />}
          </Field>
          <Field label={t('appt.time')} class="time" invalid={!!errFor('start')}>
            {(id) => <input id={id} type="time" required step={300} value={startTime} data-testid="absence-start-time"
              onInput={(e) => edit(setStartTime)(val(e))} />}
          </Field>
        </div>
        <div class="row">
          <Field label={t('absence.to')} error={errFor('end')}>
            {(id) => <input id={id} type="date" required value={endDate} data-testid="absence-end-date"
              onInput={(e) => edit(setEndDate)(val(e))} />}
          </Field>
          <Field label={t('appt.time')} class="time" invalid={!!errFor('end')}>
            {(id) => <input id={id} type="time" required step={300} value={endTime} data-testid="absence-end-time"
              onInput={(e) => edit(setEndTime)(val(e))} />}
          </Field>
        </div>
        <Field label={t('absence.reason')} error={errFor('reason')}>
          {(id) => <input id={id} value={reason} maxLength={200} placeholder={t('absence.reasonHint')}
            data-testid="absence-reason" onInput={(e) => edit(setReason)(val(e))} />}
        </Field>
        <ErrorBox error={error} testid="absence-error" />
        <div class="actions">
          <span class="spacer" />
          <button type="button" onClick={p.onClose}>{t('common.cancel')}</button>
          <button type="submit" class="primary" disabled={busy} data-testid="absence-save">{t('absence.save')}</button>
        </div>
      </form>
    </Modal>
  );
}

/** Clicking an absence: what it is, and removing it (DELETE /api/staff/{id}/time_off/{time_off_id}). */
export function AbsenceDialog(p: { cat: Catalog; timeOff: TimeOff; onClose: () => void; onDeleted: () => void }) {
  const lang = useLang();
  const x = p.timeOff;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await deleteTimeOff(x.staff_id, x.id);
      p.onDeleted();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal title={t('absence.title')} onClose={p.onClose} testid="absence-dialog">
      <dl class="absence-summary">
        <dt class="muted small">{t('appt.staff')}</dt>
        <dd data-testid="absence-dialog-staff">{staffName(p.cat, x.staff_id)}</dd>
        <dt class="muted small">{t('absence.period')}</dt>
        <dd data-testid="absence-dialog-period">{absencePeriod(x, lang)}</dd>
        <dt class="muted small">{t('absence.reason')}</dt>
        <dd data-testid="absence-dialog-reason">{x.reason || '—'}</dd>
      </dl>
      <p>{t('absence.deleteConfirm')}</p>
      <ErrorBox error={error} testid="absence-dialog-error" />
      <div class="actions">
        <span class="spacer" />
        <button type="button" data-testid="absence-keep" onClick={p.onClose}>{t('absence.keep')}</button>
        <button type="button" class="danger" disabled={busy} data-testid="absence-delete" onClick={remove}>
          {t('absence.delete')}
        </button>
      </div>
    </Modal>
  );
}
