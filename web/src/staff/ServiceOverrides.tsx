// The catalogue in a network: the network's values (edited by admins) and, beside them, what the chosen
// salon does with each service: offered or not, its own price and duration (PUT /api/salons/{id}/services/{id}).
import { useEffect, useState } from 'preact/hooks';
import { errorText, fieldErrorOf, type FieldError } from '../common/api';
import { listResources, listServices, setServiceOverride } from './api/catalogue';
import { t, useLang } from '../common/i18n';
import { fmtMoney } from '../common/time';
import { Check, ErrorBox, Field, Modal, centsFromInput, inputFromCents, val } from '../common/ui';
import { loadCatalog, type Service } from './catalog';
import { salonNameOf } from './salon';

/** The services as one salon sees them (effective price and duration, `offered`), by id. */
export function useSalonServices(salonId: number | null): [Map<number, Service>, () => void] {
  const [map, setMap] = useState(new Map<number, Service>());
  const load = () => {
    if (salonId === null) return;
    listServices({ salon_id: salonId }).then(
      (list) => setMap(new Map(list.map((s) => [s.id, s]))),
      () => setMap(new Map()),
    );
  };
  useEffect(load, [salonId]);
  return [map, load];
}

/** Every resource of the network (a service may name rooms of several salons), labelled with its salon. */
export function useNetworkResources(on: boolean): { value: number; label: string }[] {
  const [list, setList] = useState<{ value: number; label: string }[]>([]);
  useEffect(() => {
    if (!on) return;
    listResources({ salon_id: null }).then(
      (list) => setList(list.map((x) => ({ value: x.id, label: x.salon_id ? `${x.name} (${salonNameOf(x.salon_id)})` : x.name }))),
      () => setList([]),
    );
  }, [on]);
  return list;
}

/** The table cell: "offered · 35,00 € · 45 min" at the chosen salon, with what differs from the network. */
export function SalonServiceCell(p: { network: Service; here?: Service; currency?: string; onEdit?: () => void }) {
  const lang = useLang();
  const h = p.here;
  if (!h) return <span class="muted">—</span>;
  const priceDiffers = h.price_cents !== p.network.price_cents;
  const durationDiffers = h.duration_minutes !== p.network.duration_minutes;
  return (
    <span class="override-cell" data-testid={`override-${p.network.id}`} data-offered={String(h.offered !== false)}>
      {h.offered === false ? (
        <span class="badge" data-testid="not-offered">{t('net.notOffered')}</span>
      ) : (
        <span class="override-values">
          <span class="badge ok">{t('net.offered')}</span>
          <span class={priceDiffers ? 'overridden' : 'muted'} data-testid="override-price">{fmtMoney(h.price_cents, p.currency, lang)}</span>
          {' · '}
          <span class={durationDiffers ? 'overridden' : 'muted'} data-testid="override-duration">{h.duration_minutes} min</span>
        </span>
      )}
      {p.onEdit && (
        <button type="button" class="link" data-testid={`override-edit-${p.network.id}`} onClick={p.onEdit}>{t('net.adjust')}</button>
      )}
    </span>
  );
}

export function OverrideDialog(p: {
  salonId: number;
  network: Service;
  here?: Service;
  currency?: string;
  onClose: () => void;
  onSaved: () => void;
}) {
  const lang = useLang();
  const n = p.network;
  const h = p.here;
  // Empty = the network's value; a value equal to the network's is shown empty too.
  const [offered, setOffered] = useState(h?.offered !== false);
  const [price, setPrice] = useState(h && h.price_cents !== n.price_cents ? inputFromCents(h.price_cents) : '');
  const [duration, setDuration] = useState(h && h.duration_minutes !== n.duration_minutes ? String(h.duration_minutes) : '');
  const [error, setError] = useState<string | null>(null);
  const [fieldErr, setFieldErr] = useState<FieldError | null>(null);
  const save = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setFieldErr(null);
    try {
      await setServiceOverride(p.salonId, n.id, {
        offered,
        price_cents: price.trim() === '' ? null : centsFromInput(price.trim()),
        duration_minutes: duration.trim() === '' ? null : Number(duration),
      });
      loadCatalog(true).catch(() => undefined);
      p.onSaved();
    } catch (err) {
      setError(errorText(err));
      setFieldErr(fieldErrorOf(err));
    }
  };
  const errFor = (f: string) => (fieldErr?.field === f ? fieldErr.message : null);
  return (
    <Modal title={t('net.overrideTitle', { service: n.name, salon: salonNameOf(p.salonId) })} onClose={p.onClose} testid="override-form">
      <form onSubmit={save}>
        <Check label={t('net.offeredHere')} checked={offered} onChange={setOffered} testid="override-offered" />
        <div class="row">
          <Field label={t('appt.price')} error={errFor('price_cents')}>
            {(id) => (
              <input id={id} type="text" inputMode="decimal" value={price} data-testid="override-price-input"
                placeholder={inputFromCents(n.price_cents)} disabled={!offered} onInput={(e) => setPrice(val(e))} />
            )}
          </Field>
          <Field label={t('appt.duration')} error={errFor('duration_minutes')}>
            {(id) => (
              <input id={id} type="number" min={1} value={duration} data-testid="override-duration-input"
                placeholder={String(n.duration_minutes)} disabled={!offered} onInput={(e) => setDuration(val(e))} />
            )}
          </Field>
        </div>
        <p class="muted small">
          {t('net.networkValue', { price: fmtMoney(n.price_cents, p.currency, lang), duration: n.duration_minutes })}
        </p>
        <ErrorBox error={error} testid="override-error" />
        <div class="actions">
          <button type="button" onClick={p.onClose}>{t('common.cancel')}</button>
          <button type="submit" class="primary" data-testid="override-save">{t('common.save')}</button>
        </div>
      </form>
    </Modal>
  );
}
