// The quick menu of an agenda block: arrival and payment in two clicks (⋯ on the block, then the action),
// without opening the whole form. A small non-modal dialog next to the block; Escape or a click elsewhere
// closes it and gives focus back to the ⋯ button.
import { useEffect, useRef, useState } from 'preact/hooks';
import { errorText } from '../common/api';
import type { Appointment } from '../common/types';
import { setArrived, setPaid } from './api/appointments';
import { t } from '../common/i18n';
import { isoTime } from '../common/time';
import { ErrorBox } from '../common/ui';

export const PAYMENT_METHODS = ['card', 'cash', 'cheque', 'voucher', 'other'] as const;

export function QuickStatus(p: {
  appt: Appointment;
  anchor: HTMLElement;
  title: string;
  onClose: () => void;
  onChanged: (a: Appointment) => void;
  onOpenForm: () => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [a, setA] = useState<Appointment>(p.appt);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const close = () => {
    p.onClose();
    if (document.contains(p.anchor)) p.anchor.focus();
  };
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('button')?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && close();
    const onDown = (e: MouseEvent) => !ref.current?.contains(e.target as Node) && e.target !== p.anchor && p.onClose();
    window.addEventListener('keydown', onKey);
    window.addEventListener('mousedown', onDown);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('mousedown', onDown);
    };
  }, []);

  // Below the anchor, kept inside the window.
  const r = p.anchor.getBoundingClientRect();
  const width = 260;
  const left = Math.max(8, Math.min(window.innerWidth - width - 8, r.right - width));
  const top = r.bottom + 4 + 230 > window.innerHeight ? Math.max(8, r.top - 234) : r.bottom + 4;

  /** POST …/arrived or …/paid; an answer without the appointment keeps what was asked. */
  const post = async (call: () => Promise<Appointment | undefined>, asked: Partial<Appointment>) => {
    setBusy(true);
    setError(null);
    try {
      const r2 = await call();
      const next = r2 && r2.id ? r2 : { ...a, ...asked };
      setA(next);
      p.onChanged(next);
      close();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="quick-status" role="dialog" aria-label={t('quick.title', { what: p.title })} ref={ref}
      data-testid="quick-status" style={{ left: `${left}px`, top: `${top}px`, width: `${width}px` }}>
      <div class="quick-head">
        <strong>{isoTime(a.start)} · {p.title}</strong>
      </div>
      <button type="button" class={'quick-btn' + (a.arrived ? ' on' : '')} disabled={busy} aria-pressed={!!a.arrived}
        data-testid="quick-arrived" onClick={() => post(() => setArrived(a.id, !a.arrived), { arrived: !a.arrived })}>
        {a.arrived ? `✓ ${t('appt.arrived')} — ${t('quick.undo')}` : `✓ ${t('quick.markArrived')}`}
      </button>
      {a.paid ? (
        <div class="quick-paid">
          <span class="badge paid" data-testid="quick-paid-state">€ {t('appt.paid')} · {t(`pay.${a.payment_method || 'other'}`)}</span>
          <button type="button" class="link" disabled={busy} data-testid="quick-unpaid"
            onClick={() => post(() => setPaid(a.id, false, a.payment_method || 'other'), { paid: false, payment_method: a.payment_method || 'other' })}>
            {t('quick.unpay')}
          </button>
        </div>
      ) : (
        <fieldset class="quick-pay">
          <legend>{t('quick.paidBy')}</legend>
          {PAYMENT_METHODS.map((m) => (
            <button type="button" disabled={busy} data-testid={`quick-pay-${m}`}
              onClick={() => post(() => setPaid(a.id, true, m), { paid: true, payment_method: m })}>
              {t(`pay.${m}`)}
            </button>
          ))}
        </fieldset>
      )}
      <ErrorBox error={error} testid="quick-error" />
      <button type="button" class="link" data-testid="quick-open-form" onClick={() => { p.onClose(); p.onOpenForm(); }}>
        {t('quick.openForm')}
      </button>
    </div>
  );
}
