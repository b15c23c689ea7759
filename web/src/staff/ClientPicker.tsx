// Client search as you type, with inline creation of a new client file.
import { useEffect, useRef, useState } from 'preact/hooks';
import { errorText, fieldErrorOf, FieldError } from '../common/api';
import type { Client } from '../common/types';
import { createClient, listClients } from './api/clients';
import { t } from '../common/i18n';
import { ErrorBox, Field, FieldMessage, fullName, useId, val } from '../common/ui';
import { formatPhone } from '../common/phone';
import { useCatalog } from './catalog';

interface Props {
  value: Client | null;
  onChange: (client: Client | null) => void;
  label?: string;
  testid?: string;
  excludeId?: number;
  /** A message about the chosen client (e.g. the server refused `client_id`): marks the control. */
  error?: string | null;
}

export function ClientPicker(p: Props) {
  const tid = p.testid ?? 'client';
  const [q, setQ] = useState('');
  const [results, setResults] = useState<Client[]>([]);
  // The query the results answer: Enter waits for the answer to what was typed.
  const [resultsFor, setResultsFor] = useState('');
  const [open, setOpen] = useState(false);
  const [creating, setCreating] = useState(false);
  // The highlighted option (combobox pattern: focus stays in the input, aria-activedescendant names it);
  // the last index is the "new client" option.
  const [activeIdx, setActiveIdx] = useState(0);
  const seq = useRef(0);
  const listId = useId('client-list');
  const country = useCatalog()?.salon.country;

  useEffect(() => {
    if (!q.trim()) {
      setResults([]);
      return;
    }
    const n = ++seq.current;
    const h = setTimeout(async () => {
      try {
        const r = await listClients({ q: q.trim(), limit: 8, sort: 'name' });
        if (n === seq.current) {
          setResults(r.items.filter((c) => c.id !== p.excludeId));
          setResultsFor(q.trim());
          setActiveIdx(0);
        }
      } catch {
        if (n === seq.current) setResults([]);
      }
    }, 200);
    return () => clearTimeout(h);
  }, [q]);

  const listOpen = open && !!q.trim() && !creating;
  const choose = (i: number) => {
    if (i < results.length) p.onChange(results[i]);
    else setCreating(true);
  };

  if (p.value) {
    const errId = `${tid}-picker-err`;
    return (
      <div class={'field' + (p.error ? ' invalid' : '')}>
        <span class="label">{p.label ?? t('appt.client')}</span>
        <div class={'chip' + (p.error ? ' invalid' : '')} data-testid={`${tid}-selected`} role="group"
          aria-label={p.label ?? t('appt.client')}
          aria-invalid={p.error ? 'true' : undefined} aria-describedby={p.error ? errId : undefined}>
          <strong>{fullName(p.value)}</strong>
          <span class="muted">{[p.value.email, formatPhone(p.value.phone, country)].filter(Boolean).join(' · ')}</span>
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
            aria-autocomplete="list"
            aria-controls={listId}
            aria-expanded={listOpen}
            aria-activedescendant={listOpen ? `${listId}-${activeIdx}` : undefined}
            onInput={(e) => {
              setQ(val(e));
              setOpen(true);
            }}
            onFocus={() => setOpen(true)}
            onKeyDown={(e) => {
              const n = results.length + 1;
              if (e.key === 'ArrowDown') {
                e.preventDefault();
                setOpen(true);
                setActiveIdx((activeIdx + 1) % n);
              } else if (e.key === 'ArrowUp') {
                e.preventDefault();
                setActiveIdx((activeIdx - 1 + n) % n);
              } else if (e.key === 'Escape' && listOpen) {
                e.preventDefault();
                e.stopPropagation();
                setOpen(false);
              } else if (e.key === 'Enter') {
                e.preventDefault();
                if (!q.trim() || resultsFor !== q.trim()) return;
                choose(activeIdx);
              }
            }}
          />
        )}
      </Field>
      {listOpen && (
        <ul class="dropdown" role="listbox" id={listId} aria-label={p.label ?? t('appt.client')} data-testid={`${tid}-results`}>
          {results.map((c, i) => (
            <li role="option" id={`${listId}-${i}`} aria-selected={i === activeIdx} class={i === activeIdx ? 'active' : ''}
              data-testid={`${tid}-option-${c.id}`} onMouseDown={(e) => e.preventDefault()} onClick={() => p.onChange(c)}>
              <strong>{fullName(c)}</strong> <span class="muted">{[c.email, formatPhone(c.phone, country)].filter(Boolean).join(' · ')}</span>
            </li>
          ))}
          <li role="option" id={`${listId}-${results.length}`} aria-selected={activeIdx === results.length}
            class={'create' + (activeIdx === results.length ? ' active' : '')} data-testid={`${tid}-create`}
            onMouseDown={(e) => e.preventDefault()} onClick={() => setCreating(true)}>
            + {t('appt.newClient', { q: q.trim() })}
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

function NewClientInline(p: { seed: string; testid: string; onCancel: () => void; onCreated: (c: Client) => void }) {
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
      const c = await createClient({ first_name: first, last_name: last, email, phone });
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
