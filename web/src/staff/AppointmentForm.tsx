// The appointment form (new or edit): up to 5 service lines, client, notes, confirmation, waitlist box.
import { useEffect, useState } from 'preact/hooks';
import { errorText, fieldErrorOf, FieldError } from '../common/api';
import type { Appointment, AppointmentInput, AppointmentLine, Client } from '../common/types';
import {
  cancelAppointment, confirmAppointment, createAppointment, deleteAppointment, setNoShow, updateAppointment,
} from './api/appointments';
import { t, useLang } from '../common/i18n';
import { fmtInstant, fmtMoney, isoDate, isoTime, zonedIso } from '../common/time';
import { Check, ErrorBox, Field, FieldMessage, Modal, centsFromInput, inputFromCents, val } from '../common/ui';
import { forgetClient, getClient, useCatalog } from './catalog';
import { ClientPicker } from './ClientPicker';
import { LineEditor, LineState, lineFromService } from './LineEditor';
import { Messages } from './Messages';

export interface FormInit {
  appointment?: Appointment;
  staffId?: number;
  resourceId?: number;
  date?: string;
  time?: string;
  /** Lines chosen elsewhere (the next-free-slot search): service, staff and resource of each. */
  lines?: { service_id: number; staff_id: number; resource_id?: number | null }[];
}

const PAYMENT_METHODS = ['', 'cash', 'card', 'cheque', 'transfer', 'voucher', 'other'];

export function AppointmentForm(p: { init: FormInit; onClose: () => void; onSaved: () => void }) {
  const lang = useLang();
  const cat = useCatalog()!;
  const a = p.init.appointment;
  const editing = !!a;
  const [client, setClient] = useState<Client | null>(null);
  const [date, setDate] = useState(a ? isoDate(a.start) : p.init.date ?? '');
  const [time, setTime] = useState(a ? isoTime(a.start) : p.init.time ?? '09:00');
  const [lines, setLines] = useState<LineState[]>(() =>
    a
      ? (a.lines ?? []).map((l) => ({
          service_id: l.service_id,
          staff_id: l.staff_id,
          resource_id: l.resource_id ?? null,
          duration: String(l.duration_minutes ?? ''),
          price: inputFromCents(l.price_cents),
          answers: { ...(l.answers ?? {}) },
        }))
      : p.init.lines?.length
        ? p.init.lines.map((l) => ({
            ...lineFromService(
              { service_id: 0, staff_id: l.staff_id, resource_id: l.resource_id ?? null, duration: '', price: '', answers: {} },
              cat.services.find((s) => s.id === l.service_id),
            ),
            staff_id: l.staff_id,
            resource_id: l.resource_id ?? null,
          }))
        : [{ service_id: 0, staff_id: p.init.staffId ?? cat.staff[0]?.id ?? 0, resource_id: p.init.resourceId ?? null, duration: '', price: '', answers: {} }],
  );
  const [payment, setPayment] = useState<string>(a?.payment_method ?? '');
  const [amount, setAmount] = useState(inputFromCents(a?.amount_requested_cents ?? null));
  const [requested, setRequested] = useState<boolean>(!!a?.requested_staff);
  const [clientRequest, setClientRequest] = useState<string>(a?.client_request ?? '');
  const [quickNote, setQuickNote] = useState<string>(a?.quick_note ?? '');
  const [notes, setNotes] = useState<string>(a?.notes ?? '');
  const [confirmation, setConfirmation] = useState<'approve' | 'request' | 'silent'>('approve');
  const [notify, setNotify] = useState<boolean>(!!a?.notify_earlier_slot);
  const [error, setError] = useState<string | null>(null);
  // The field the last error named (server: {"error":{"field"}}, or the check before sending), e.g.
  // "client_id", "start", "lines[1].staff_id": that control is marked and the message shown beside it.
  const [fieldErr, setFieldErr] = useState<FieldError | null>(null);
  const [busy, setBusy] = useState(false);
  const [current, setCurrent] = useState<Appointment | undefined>(a);

  useEffect(() => {
    if (a?.client_id) getClient(a.client_id).then(setClient);
  }, []);

  const errAt = (...fields: string[]) => (fieldErr && fields.includes(fieldErr.field) ? fieldErr.message : null);
  // The part of the field error that belongs to line i: '' for the line itself, 'staff_id', 'answers.key'…
  const lineErr = (i: number) => {
    const m = fieldErr && /^lines\[(\d+)\](?:\.(.*))?$/.exec(fieldErr.field);
    return m && Number(m[1]) === i ? { sub: m[2] ?? '', message: fieldErr!.message } : null;
  };
  // Editing after an error that named a field clears it (mark and message): it may no longer apply.
  const edited = () => {
    if (!fieldErr) return;
    setFieldErr(null);
    setError(null);
  };
  const setLine = (i: number, l: LineState) => {
    edited();
    setLines(lines.map((x, j) => (j === i ? l : x)));
  };
  const addLine = () => {
    if (lines.length >= 5) return;
    const last = lines[lines.length - 1];
    setLines([...lines, { service_id: 0, staff_id: last?.staff_id ?? cat.staff[0]?.id ?? 0, resource_id: null, duration: '', price: '', answers: {} }]);
  };

  const validate = (): FieldError | null => {
    if (!client) return { field: 'client_id', message: t('appt.err.client') };
    if (!date || !time) return { field: 'start', message: t('appt.err.when') };
    const missing = lines.findIndex((l) => !l.service_id);
    if (missing >= 0) return { field: `lines[${missing}].service_id`, message: t('appt.err.service') };
    for (const [i, l] of lines.entries()) {
      const s = cat.services.find((x) => x.id === l.service_id);
      if (s && s.resource_ids.length && !l.resource_id)
        return { field: `lines[${i}].resource_id`, message: t('appt.err.resource', { s: s.name }) };
      for (const q of s?.questionnaire ?? [])
        if (q.required && !(l.answers[q.key] ?? '').trim())
          return { field: `lines[${i}].answers.${q.key}`, message: t('appt.err.answer', { q: q.question }) };
    }
    return null;
  };

  const payloadLines = () =>
    lines.map((l) => {
      const s = cat.services.find((x) => x.id === l.service_id);
      const out: AppointmentLine = { service_id: l.service_id, staff_id: l.staff_id, resource_id: l.resource_id ?? null };
      out.duration_minutes = l.duration !== '' ? Number(l.duration) : s?.duration_minutes;
      if (l.price !== '') out.price_cents = centsFromInput(l.price);
      if (Object.keys(l.answers).length) out.answers = l.answers;
      return out;
    });

  const save = async (e: Event) => {
    e.preventDefault();
    const v = validate();
    setFieldErr(v);
    if (v) return setError(v.message);
    setBusy(true);
    setError(null);
    const body: AppointmentInput = {
      start: zonedIso(date, time, cat.salon.timezone),
      lines: payloadLines(),
      requested_staff: requested,
      client_request: clientRequest,
      quick_note: quickNote,
      notes,
      payment_method: payment,
      amount_requested_cents: amount ? centsFromInput(amount) : 0,
      notify_earlier_slot: notify,
    };
    try {
      if (editing) {
        if (client!.id !== a!.client_id) body.client_id = client!.id;
        await updateAppointment(a!.id, body);
      } else {
        await createAppointment({ ...body, client_id: client!.id, confirmation });
      }
      forgetClient(client!.id);
      p.onSaved();
    } catch (err) {
      setError(errorText(err));
      setFieldErr(fieldErrorOf(err));
    } finally {
      setBusy(false);
    }
  };

  const action = async (fn: () => Promise<Appointment | void>, close = false) => {
    setError(null);
    try {
      const r = await fn();
      if (close || !r) p.onSaved();
      else setCurrent(r);
    } catch (err) {
      setError(errorText(err));
    }
  };

  const total = lines.reduce((s, l) => s + (Number(l.duration) || 0), 0);
  const totalPrice = lines.reduce((s, l) => s + (l.price !== '' ? centsFromInput(l.price) : 0), 0);
  const title = editing ? t('appt.editTitle', { id: a.id }) : t('appt.newTitle');
  return (
    <Modal title={title} onClose={p.onClose} testid="appointment-form" wide>
      <form onSubmit={save} class="appt-form">
        {editing && current && (
          <div class="status-row">
            <span class={`badge status-${current.status}`} data-testid="appt-status">{t(`status.${current.status}`)}</span>
            {current.no_show && <span class="badge noshow" data-testid="appt-noshow-badge">{t('agenda.noShow')}</span>}
            {current.arrived && <span class="badge arrived" data-testid="appt-arrived-badge">✓ {t('appt.arrived')}</span>}
            {current.paid && (
              <span class="badge paid" data-testid="appt-paid-badge">€ {t('appt.paid')}{current.payment_method ? ` · ${t(`pay.${current.payment_method}`)}` : ''}</span>
            )}
            {current.group && <span class="badge">{t('appt.group')}</span>}
          </div>
        )}
        <ClientPicker value={client} error={errAt('client_id', 'for_client_id')}
          onChange={(c) => {
            edited();
            setClient(c);
          }} />
        <div class="row">
          <Field label={t('appt.date')} invalid={!!errAt('start')}>
            {(id) => <input id={id} type="date" required value={date} data-testid="appt-date" onInput={(e) => { edited(); setDate(val(e)); }} />}
          </Field>
          <Field label={t('appt.time')} error={errAt('start', ...lines.map((_, i) => `lines[${i}].start`))}>
            {(id) => <input id={id} type="time" required step={300} value={time} data-testid="appt-time" onInput={(e) => { edited(); setTime(val(e)); }} />}
          </Field>
          <div class="field total"><span class="label">{t('appt.totalDuration')}</span><span data-testid="appt-total">{total} min</span></div>
          <div class="field total"><span class="label">{t('appt.totalPrice')}</span><span data-testid="appt-total-price">{fmtMoney(totalPrice, cat.salon.currency, lang)}</span></div>
        </div>
        <fieldset class="lines" aria-invalid={errAt('lines') ? 'true' : undefined}
          aria-describedby={errAt('lines') ? 'appt-lines-err' : undefined}>
          <legend>{t('appt.services')}</legend>
          <FieldMessage id="appt-lines-err" text={errAt('lines')} />
          {lines.map((l, i) => (
            <LineEditor
              index={i}
              line={l}
              cat={cat}
              error={lineErr(i)}
              onChange={(nl) => setLine(i, nl)}
              onRemove={lines.length > 1 ? () => { edited(); setLines(lines.filter((_, j) => j !== i)); } : undefined}
            />
          ))}
          {lines.length < 5 ? (
            <button type="button" data-testid="add-line" onClick={addLine}>+ {t('appt.addService')}</button>
          ) : (
            <p class="muted">{t('appt.maxServices')}</p>
          )}
        </fieldset>
        <div class="row">
          <Field label={t('appt.payment')} error={errAt('payment_method')}>
            {(id) => (
              <select id={id} value={payment} data-testid="appt-payment" onChange={(e) => setPayment(val(e))}>
                {PAYMENT_METHODS.map((m) => <option value={m}>{m ? t(`pay.${m}`) : '—'}</option>)}
              </select>
            )}
          </Field>
          <Field label={t('appt.amountRequested')} error={errAt('amount_requested_cents')}>
            {(id) => <input id={id} inputMode="decimal" value={amount} data-testid="appt-amount" onInput={(e) => setAmount(val(e))} />}
          </Field>
        </div>
        <Field label={t('appt.clientRequest')} error={errAt('client_request')}>
          {(id) => <textarea id={id} rows={2} value={clientRequest} data-testid="appt-client-request" onInput={(e) => setClientRequest(val(e))} />}
        </Field>
        <Field label={t('appt.quickNote')} error={errAt('quick_note')}>
          {(id) => <input id={id} value={quickNote} data-testid="appt-quick-note" onInput={(e) => setQuickNote(val(e))} />}
        </Field>
        <Field label={t('appt.notes')} error={errAt('notes')}>
          {(id) => <textarea id={id} rows={3} value={notes} data-testid="appt-notes" onInput={(e) => setNotes(val(e))} />}
        </Field>
        <div class="row checks">
          <Check label={`★ ${t('appt.requestedStaff')}`} checked={requested} onChange={setRequested} testid="appt-requested" />
          <Check label={t('appt.notifyEarlier')} checked={notify} onChange={setNotify} testid="appt-notify-earlier" />
          <FieldMessage text={errAt('requested_staff', 'notify_earlier_slot')} />
        </div>
        {!editing && (
          <fieldset class="radios" data-testid="appt-confirmation">
            <legend>{t('appt.confirmation')}</legend>
            <FieldMessage text={errAt('confirmation')} />
            {(['approve', 'request', 'silent'] as const).map((c) => (
              <label class="check">
                <input type="radio" name="confirmation" value={c} checked={confirmation === c}
                  data-testid={`confirm-${c}`} onChange={() => setConfirmation(c)} />
                <span>{t(`appt.confirm.${c}`)}</span>
              </label>
            ))}
          </fieldset>
        )}
        <ErrorBox error={error} testid="appt-error" />
        <div class="actions">
          {editing && current && (
            <>
              {/* A visit that has not started cannot be missed yet. */}
              {(current.no_show || Date.parse(current.start) <= Date.now()) && (
                <button type="button" data-testid="appt-noshow"
                  onClick={() => action(() => setNoShow(a!.id, !current.no_show), true)}>
                  {current.no_show ? t('appt.unmarkNoShow') : t('appt.markNoShow')}
                </button>
              )}
              {current.status === 'pending' && (
                <button type="button" data-testid="appt-confirm"
                  onClick={() => action(() => confirmAppointment(a!.id), true)}>
                  {t('appt.confirmNow')}
                </button>
              )}
              {current.status !== 'cancelled' && (
                <button type="button" class="danger-outline" data-testid="appt-cancel"
                  onClick={() => {
                    const reason = prompt(t('appt.cancelReason'));
                    if (reason !== null) action(() => cancelAppointment(a!.id, reason), true);
                  }}>
                  {t('appt.cancelAppt')}
                </button>
              )}
              <button type="button" class="danger" data-testid="appt-delete"
                onClick={() => confirm(t('appt.deleteConfirm')) && action(() => deleteAppointment(a!.id), true)}>
                {t('common.delete')}
              </button>
            </>
          )}
          <span class="spacer" />
          <button type="button" onClick={p.onClose}>{t('common.close')}</button>
          <button type="submit" class="primary" disabled={busy} data-testid="appt-save">
            {editing ? t('common.save') : t('appt.book')}
          </button>
        </div>
        {editing && current && (
          <footer class="audit muted" data-testid="appt-audit">
            <div>{t('appt.createdBy', { who: current.created_by?.name ?? '—', at: fmtInstant(current.created_at, lang) })}</div>
            {current.updated_at && (
              <div>{t('appt.updatedBy', { who: current.updated_by?.name ?? '—', at: fmtInstant(current.updated_at, lang) })}</div>
            )}
          </footer>
        )}
        {!editing && <footer class="audit muted">{t('appt.auditNew')}</footer>}
        {editing && (
          <details class="appt-messages">
            <summary data-testid="appt-messages-toggle">{t('msg.title')}</summary>
            <Messages appointmentId={a.id} testid="appt-messages" />
          </details>
        )}
      </form>
    </Modal>
  );
}
