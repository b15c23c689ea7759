// Client search as you type, with inline creation of a new client file.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, errorText, fieldErrorOf, FieldError, itemsOf } from '../common/api';
import { t } from '../common/i18n';
import { ErrorBox, Field, FieldMessage, fullName, val } from '../common/ui';

interface Props {
  value: any | null;
  onChange: (client: any | null) => void;
  label?: string;
  testid?: string;
  excludeId?: number;
  /** A message about the chosen client (e.g. the server refused `client_id`): marks the control. */
  error?: string | null;
}

export function ClientPicker(p: Props) {
  const tid = p.testid ?? 'client';
  const [q, setQ] = useState('');
  const [results, setResults] = useState<any[]>([]);
  const [open, setOpen] = useState(false);
  const [creating, setCreating] = useState(false);
  const seq = useRef(0);

  useEffect(() => {
    if (!q.trim()) {
      setResults([]);
      return;
    }
    const n = ++seq.current;
    const h = setTimeout(async () => {
      try {
        const r = await api('GET', '/api/clients', undefined, { q: q.trim(), limit: 8, sort: 'name' });
        if (n === seq.current) setResults(itemsOf(r).filter((c: any) => c.id !== p.excludeId));
      } catch {
        if (n === seq.current) setResults([]);
      }
    }, 200);
    return () => clearTimeout(h);
  }, [q]);

  if (p.value) {
    const errId = `${tid}-picker-err`;
    return (
      <div class={'field' + (p.error ? ' invalid' : '')}>
        <span class="label">{p.label ?? t('appt.client')}</span>
        <div class={'chip' + (p.error ? ' invalid' : '')} data-testid={`${tid}-selected`} role="group"
          aria-label={p.label ?? t('appt.client')}
          aria-invalid={p.error ? 'true' : undefined} aria-describedby={p.error ? errId : undefined}>
          <strong>{fullName(p.value)}</strong>
          <span class="muted">{[p.value.email, p.value.phone].filter(Boolean).join(' · ')}</span>
          <button type="button" class="link" data-testid={`${tid}-change`} onClick={() => p.onChange(null)}>
            {t('common.change')}
          </button>
        </div>
        <FieldMessage id={errId} text={p.error} />
      </div>
    );
  }

  return (
    <div class="client-picker">
      <Field label={p.label ?? t('appt.client')} error={p.error}>
        {(id) => (
          <input
            id={id}
            type="search"
            autoComplete="off"
            placeholder={t('appt.clientSearch')}
            value={q}
            data-testid={`${tid}-search`}
            role="combobox"
            aria-expanded={open && (results.length > 0 || !!q)}
            onInput={(e) => {
              setQ(val(e));
              setOpen(true);
            }}
            onFocus={() => setOpen(true)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                if (results[0]) p.onChange(results[0]);
              }
            }}
          />
        )}
      </Field>
      {open && q.trim() && !creating && (
        <ul class="dropdown" role="listbox" data-testid={`${tid}-results`}>
          {results.map((c) => (
            <li role="option">
              <button type="button" data-testid={`${tid}-option-${c.id}`} onClick={() => p.onChange(c)}>
                <strong>{fullName(c)}</strong> <span class="muted">{[c.email, c.phone].filter(Boolean).join(' · ')}</span>
              </button>
            </li>
          ))}
          <li>
            <button type="button" class="create" data-testid={`${tid}-create`} onClick={() => setCreating(true)}>
              + {t('appt.newClient', { q: q.trim() })}
            </button>
          </li>
        </ul>
      )}
      {creating && (
        <NewClientInline
          seed={q.trim()}
          testid={tid}
          onCancel={() => setCreating(false)}
          onCreated={(c) => {
            setCreating(false);
            setQ('');
            p.onChange(c);
          }}
        />
      )}
    </div>
  );
}

function NewClientInline(p: { seed: string; testid: string; onCancel: () => void; onCreated: (c: any) => void }) {
  const parts = p.seed.split(/\s+/);
  const [first, setFirst] = useState(parts[0] ?? '');
  const [last, setLast] = useState(parts.slice(1).join(' '));
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fieldErr, setFieldErr] = useState<FieldError | null>(null);
  const errAt = (f: string) => (fieldErr?.field === f ? fieldErr.message : null);
  const save = async () => {
    setError(null);
    setFieldErr(null);
    try {
      const c = await api('POST', '/api/clients', { first_name: first, last_name: last, email, phone });
      p.onCreated(c);
    } catch (e) {
      setError(errorText(e));
      setFieldErr(fieldErrorOf(e));
    }
  };
  const tid = p.testid;
  return (
    <fieldset class="inline-create" data-testid={`${tid}-new`}>
      <legend>{t('appt.newClientTitle')}</legend>
      <div class="row">
        <Field label={t('client.firstName')} error={errAt('first_name')}>
          {(id) => <input id={id} value={first} data-testid={`${tid}-new-first`} onInput={(e) => setFirst(val(e))} />}
        </Field>
        <Field label={t('client.lastName')} error={errAt('last_name')}>
          {(id) => <input id={id} value={last} data-testid={`${tid}-new-last`} onInput={(e) => setLast(val(e))} />}
        </Field>
      </div>
      <div class="row">
        <Field label={t('client.email')} error={errAt('email')}>
          {(id) => <input id={id} type="email" value={email} data-testid={`${tid}-new-email`} onInput={(e) => setEmail(val(e))} />}
        </Field>
        <Field label={t('client.phone')} error={errAt('phone')}>
          {(id) => <input id={id} type="tel" value={phone} data-testid={`${tid}-new-phone`} onInput={(e) => setPhone(val(e))} />}
        </Field>
      </div>
      <ErrorBox error={error} testid={`${tid}-new-error`} />
      <div class="actions">
        <button type="button" onClick={p.onCancel}>{t('common.cancel')}</button>
        <button type="button" class="primary" data-testid={`${tid}-new-save`} onClick={save}>
          {t('appt.createClient')}
        </button>
      </div>
    </fieldset>
  );
}
