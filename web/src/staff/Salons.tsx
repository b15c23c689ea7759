// The network's salons (admin): list, create, edit. A salon's settings (hours, booking rules…) are edited in
// Settings once it is the chosen salon; here: its identity, address, contact and time zone.
import { useEffect, useState } from 'preact/hooks';
import { errorText, fieldErrorOf, type FieldError } from '../common/api';
import { createSalon, listSalons, updateSalon } from './api/settings';
import { t, useLang } from '../common/i18n';
import { ErrorBox, Field, Modal, val } from '../common/ui';
import { getMe } from './catalog';
import { loadSalons, type NetSalon } from './salon';

const FIELDS: { key: keyof NetSalon; type?: string; required?: boolean }[] = [
  { key: 'name', required: true },
  { key: 'slug', required: true },
  { key: 'address' },
  { key: 'postal_code' },
  { key: 'city' },
  { key: 'phone', type: 'tel' },
  { key: 'email', type: 'email' },
  { key: 'timezone', required: true },
];

function zones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['Europe/Paris'];
  }
}

/** "Salon Lyon Part-Dieu" → "salon-lyon-part-dieu": a proposal the admin may change. */
export const slugOf = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

export function Salons() {
  useLang();
  const [items, setItems] = useState<NetSalon[]>([]);
  const [editing, setEditing] = useState<Partial<NetSalon> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () =>
    listSalons(500).then(setItems, (e) => setError(errorText(e)));
  useEffect(() => {
    load();
  }, []);
  return (
    <div class="page" data-testid="salons">
      <div class="toolbar">
        <h1>{t('net.salons')}</h1>
        <span class="spacer" />
        <button type="button" class="primary" data-testid="salon-new"
          onClick={() => setEditing({ name: '', slug: '', timezone: items[0]?.timezone || 'Europe/Paris' })}>
          + {t('net.newSalon')}
        </button>
      </div>
      <p class="muted">{t('net.salonsHelp')}</p>
      <ErrorBox error={error} />
      <table class="table cards plain" data-testid="salons-table">
        <thead>
          <tr>
            <th>{t('common.name')}</th>
            <th>{t('net.address')}</th>
            <th>{t('net.contact')}</th>
            <th>{t('net.timezone')}</th>
            <th>{t('net.bookingPage')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {items.map((s) => (
            <tr data-testid={`salon-row-${s.id}`}>
              <td class="card-title"><strong>{s.name}</strong></td>
              <td data-label={t('net.address')}>{[s.address, [s.postal_code, s.city].filter(Boolean).join(' ')].filter(Boolean).join(', ')}</td>
              <td data-label={t('net.contact')}>{[s.phone, s.email].filter(Boolean).join(' · ')}</td>
              <td data-label={t('net.timezone')}>{s.timezone}</td>
              <td data-label={t('net.bookingPage')}><a href={`/book/${s.slug}`} target="_blank" rel="noopener">/book/{s.slug}</a></td>
              <td class="row-actions">
                <button type="button" class="link" data-testid={`salon-edit-${s.id}`} onClick={() => setEditing(s)}>{t('common.edit')}</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {editing && (
        <SalonForm salon={editing} onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            load();
            loadSalons(getMe()).catch(() => undefined);
          }} />
      )}
    </div>
  );
}

function SalonForm(p: { salon: Partial<NetSalon>; onClose: () => void; onSaved: () => void }) {
  const isNew = !p.salon.id;
  const [v, setV] = useState<Partial<NetSalon>>({ ...p.salon });
  const [slugTouched, setSlugTouched] = useState(!isNew);
  const [error, setError] = useState<string | null>(null);
  const [fieldErr, setFieldErr] = useState<FieldError | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof NetSalon, x: string) => {
    const next: Partial<NetSalon> = { ...v, [k]: x };
    if (k === 'name' && !slugTouched) next.slug = slugOf(x);
    if (k === 'slug') setSlugTouched(true);
    setV(next);
    if (fieldErr?.field === k) setFieldErr(null);
  };
  const save = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setFieldErr(null);
    setBusy(true);
    const body: Record<string, string> = {};
    for (const f of FIELDS) body[f.key] = String(v[f.key] ?? '').trim();
    try {
      if (isNew) await createSalon(body);
      else await updateSalon(p.salon.id!, body);
      p.onSaved();
    } catch (err) {
      const fe = fieldErrorOf(err);
      // A message about one field is shown under it; anything else in the box.
      if (fe && FIELDS.some((f) => f.key === fe.field)) setFieldErr(fe);
      else setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal title={isNew ? t('net.newSalon') : t('net.editSalon', { name: p.salon.name ?? '' })} onClose={p.onClose} testid="salon-form" wide>
      <form onSubmit={save} class="crud-form">
        <div class="row">
          {FIELDS.map((f) => (
            <Field label={t(`net.f.${f.key}`) + (f.required ? ' *' : '')} error={fieldErr?.field === f.key ? fieldErr.message : null}
              class={f.key === 'address' || f.key === 'name' ? 'grow' : ''}>
              {(id) =>
                f.key === 'timezone' ? (
                  <input id={id} list="salon-zones" required value={v.timezone ?? ''} data-testid="salon-timezone"
                    onInput={(e) => set('timezone', val(e))} />
                ) : (
                  <input id={id} type={f.type ?? 'text'} required={f.required} value={(v[f.key] as string) ?? ''}
                    data-testid={`salon-${f.key}`} onInput={(e) => set(f.key, val(e))} />
                )
              }
            </Field>
          ))}
        </div>
        <p class="muted small">{t('net.slugHint')} {v.slug ? <code>/book/{v.slug}</code> : null}</p>
        <datalist id="salon-zones">{zones().map((z) => <option value={z} />)}</datalist>
        <ErrorBox error={error} testid="salon-error" />
        <div class="actions">
          <button type="button" onClick={p.onClose}>{t('common.cancel')}</button>
          <button type="submit" class="primary" disabled={busy} data-testid="salon-save">{t('common.save')}</button>
        </div>
      </form>
    </Modal>
  );
}
