// The fields of a client file, shared by the "new client" dialog and the client file page.
import { formatPhone } from '../common/phone';
import type { Client } from '../common/types';
import { t } from '../common/i18n';
import { Field, val } from '../common/ui';

export interface ClientForm {
  first_name: string;
  last_name: string;
  email: string;
  phone: string;
  gender: string;
  birth_date: string;
  note: string;
}

export const emptyClient = (): ClientForm => ({
  first_name: '',
  last_name: '',
  email: '',
  phone: '',
  gender: '',
  birth_date: '',
  note: '',
});

/** The form of a client file; the phone number in the national format of the salon's country to edit. */
export const clientFormOf = (c: Partial<Client>, country?: string): ClientForm => ({
  first_name: c.first_name ?? '',
  last_name: c.last_name ?? '',
  email: c.email ?? '',
  phone: formatPhone(c.phone, country),
  gender: c.gender ?? '',
  birth_date: c.birth_date ?? '',
  note: c.note ?? '',
});

/** `error`: the field a server error named (first_name, email…) and its message, shown beside it. */
export function ClientFields(p: { value: ClientForm; onChange: (v: ClientForm) => void; error?: { field: string; message: string } | null }) {
  const v = p.value;
  const err = (k: keyof ClientForm) => (p.error?.field === k ? p.error.message : null);
  const set = (k: keyof ClientForm) => (e: Event) => p.onChange({ ...v, [k]: val(e) });
  return (
    <div class="client-fields">
      <div class="row">
        <Field label={t('client.firstName') + ' *'} error={err('first_name')}>
          {(id) => <input id={id} required value={v.first_name} data-testid="client-first" onInput={set('first_name')} />}
        </Field>
        <Field label={t('client.lastName') + ' *'} error={err('last_name')}>
          {(id) => <input id={id} required value={v.last_name} data-testid="client-last" onInput={set('last_name')} />}
        </Field>
      </div>
      <div class="row">
        <Field label={t('client.email') + ' *'} error={err('email')}>
          {(id) => <input id={id} type="email" required value={v.email} data-testid="client-email" onInput={set('email')} />}
        </Field>
        <Field label={t('client.phone')} error={err('phone')}>
          {(id) => <input id={id} type="tel" value={v.phone} data-testid="client-phone" onInput={set('phone')} />}
        </Field>
      </div>
      <div class="row">
        <Field label={t('client.gender')} error={err('gender')}>
          {(id) => (
            <select id={id} value={v.gender} data-testid="client-gender" onChange={set('gender')}>
              <option value="">—</option>
              <option value="female">{t('gender.female')}</option>
              <option value="male">{t('gender.male')}</option>
              <option value="other">{t('gender.other')}</option>
            </select>
          )}
        </Field>
        <Field label={t('client.birthDate')} error={err('birth_date')}>
          {(id) => <input id={id} type="date" value={v.birth_date} data-testid="client-birth" onInput={set('birth_date')} />}
        </Field>
      </div>
      <Field label={t('client.note')} error={err('note')}>
        {(id) => <textarea id={id} rows={2} value={v.note} data-testid="client-note" onInput={set('note')} />}
      </Field>
    </div>
  );
}
