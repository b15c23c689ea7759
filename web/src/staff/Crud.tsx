// A generic list + edit form for the catalogue (staff, services, resources, package types).
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { errorText } from '../common/api';
import type { Hours, Question } from '../common/types';
import {
  type CatalogueItems, type CatalogueName, createCatalogueItem, deleteCatalogueItem, listCatalogue, updateCatalogueItem,
} from './api/catalogue';
import { t } from '../common/i18n';
import { Check, ErrorBox, Field, Modal, centsFromInput, inputFromCents, val } from '../common/ui';
import { loadCatalog } from './catalog';
import { HoursEditor } from './HoursEditor';

/** What the edit form holds, by field key (the members of the item it edits, money as text). */
export type FormValues = Record<string, unknown>;

export type FieldSpec =
  | { key: string; label: string; type: 'text' | 'email' | 'password' | 'number'; required?: boolean; createOnly?: boolean }
  | { key: string; label: string; type: 'money' }
  | { key: string; label: string; type: 'bool' }
  | { key: string; label: string; type: 'color' }
  | { key: string; label: string; type: 'select'; options: { value: string; label: string }[] }
  | { key: string; label: string; type: 'multi'; options: () => { value: number; label: string }[] }
  | { key: string; label: string; type: 'hours' }
  | { key: string; label: string; type: 'questionnaire' }
  | { key: string; label: string; type: 'custom'; render: (value: unknown, set: (v: unknown) => void, item: FormValues) => ComponentChildren };

interface Props<K extends CatalogueName> {
  name: K; // staff | services | resources | package_types (also the API path)
  fields: FieldSpec[];
  defaults: FormValues;
  columns: { label: string; render: (x: CatalogueItems[K]) => ComponentChildren }[];
  /** Listed, not edited (e.g. the catalogue as a manager sees it). */
  readOnly?: boolean;
}

export function Crud<K extends CatalogueName>(p: Props<K>) {
  const [items, setItems] = useState<CatalogueItems[K][]>([]);
  const [editing, setEditing] = useState<FormValues | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () =>
    listCatalogue(p.name).then(setItems, (e) => setError(errorText(e)));
  useEffect(() => {
    load();
  }, [p.name]);
  const del = async (x: CatalogueItems[K]) => {
    if (!confirm(t('crud.deleteConfirm'))) return;
    try {
      await deleteCatalogueItem(p.name, x.id);
      await load();
      loadCatalog(true);
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <section data-testid={`crud-${p.name}`}>
      <div class="toolbar">
        <span class="spacer" />
        {!p.readOnly && (
          <button type="button" class="primary" data-testid={`crud-${p.name}-new`} onClick={() => setEditing({ ...p.defaults })}>
            + {t('common.new')}
          </button>
        )}
      </div>
      <ErrorBox error={error} />
      <table class="table">
        <thead>
          <tr>{p.columns.map((c) => <th>{c.label}</th>)}<th /></tr>
        </thead>
        <tbody>
          {items.map((x) => (
            <tr data-testid={`crud-${p.name}-row-${x.id}`}>
              {p.columns.map((c) => <td>{c.render(x)}</td>)}
              <td class="row-actions">
                {!p.readOnly && <button type="button" class="link" onClick={() => setEditing({ ...x })}>{t('common.edit')}</button>}
                {!p.readOnly && <button type="button" class="link danger-text" onClick={() => del(x)}>{t('common.delete')}</button>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {editing && (
        <CrudForm
          {...p}
          item={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            load();
            loadCatalog(true);
          }}
        />
      )}
    </section>
  );
}

function CrudForm<K extends CatalogueName>(p: Props<K> & { item: FormValues; onClose: () => void; onSaved: () => void }) {
  const id = p.item.id as number | undefined;
  const isNew = !id;
  const [v, setV] = useState<FormValues>(() => {
    const o: FormValues = { ...p.defaults, ...p.item };
    for (const f of p.fields) if (f.type === 'money') o[f.key] = inputFromCents(o[f.key] as number | null | undefined);
    return o;
  });
  const [error, setError] = useState<string | null>(null);
  const set = (k: string, x: unknown) => setV({ ...v, [k]: x });
  const save = async (e: Event) => {
    e.preventDefault();
    const body: FormValues = {};
    for (const f of p.fields) {
      if ('createOnly' in f && f.createOnly && !isNew && !v[f.key]) continue;
      if (f.type === 'password' && !v[f.key]) continue;
      let x = v[f.key];
      if (f.type === 'money') x = centsFromInput(String(x ?? '0'));
      if (f.type === 'number') x = Number(x);
      body[f.key] = x;
    }
    try {
      if (isNew) await createCatalogueItem(p.name, body);
      else await updateCatalogueItem(p.name, id, body);
      p.onSaved();
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <Modal title={isNew ? t('common.new') : t('common.edit')} onClose={p.onClose} testid={`crud-${p.name}-form`} wide>
      <form onSubmit={save} class="crud-form">
        {p.fields.map((f) => {
          const tid = `crud-${p.name}-${f.key}`;
          switch (f.type) {
            case 'bool':
              return <Check label={f.label} checked={!!v[f.key]} onChange={(x) => set(f.key, x)} testid={tid} />;
            case 'select':
              return (
                <Field label={f.label}>
                  {(id) => (
                    <select id={id} value={v[f.key] as string} data-testid={tid} onChange={(e) => set(f.key, val(e))}>
                      {f.options.map((o) => <option value={o.value}>{o.label}</option>)}
                    </select>
                  )}
                </Field>
              );
            case 'multi': {
              const cur = (v[f.key] as number[] | undefined) ?? [];
              return (
                <fieldset class="multi" data-testid={tid}>
                  <legend>{f.label}</legend>
                  {f.options().map((o) => (
                    <Check label={o.label} checked={cur.includes(o.value)}
                      onChange={(on) => set(f.key, on ? [...cur, o.value] : cur.filter((x) => x !== o.value))} />
                  ))}
                </fieldset>
              );
            }
            case 'color':
              return (
                <Field label={f.label} class="narrow">
                  {(id) => <input id={id} type="color" value={(v[f.key] as string) || '#6d3fc0'} data-testid={tid} onInput={(e) => set(f.key, val(e))} />}
                </Field>
              );
            case 'hours':
              return (
                <fieldset><legend>{f.label}</legend>
                  <HoursEditor value={(v[f.key] as Hours[] | undefined) ?? []} onChange={(x) => set(f.key, x)} testid={tid} />
                </fieldset>
              );
            case 'custom':
              return <div class="field-custom" data-testid={tid}>{f.render(v[f.key], (x) => set(f.key, x), v)}</div>;
            case 'questionnaire':
              return <QuestionnaireEditor label={f.label} value={(v[f.key] as Question[] | undefined) ?? []} onChange={(x) => set(f.key, x)} />;
            default:
              return (
                <Field label={f.label + ('required' in f && f.required ? ' *' : '')}>
                  {(id) => (
                    <input id={id} type={f.type === 'money' ? 'text' : f.type} inputMode={f.type === 'money' ? 'decimal' : undefined}
                      required={'required' in f && f.required && (isNew || f.type !== 'password')}
                      value={(v[f.key] as string | number | undefined) ?? ''} data-testid={tid} onInput={(e) => set(f.key, val(e))} />
                  )}
                </Field>
              );
          }
        })}
        <ErrorBox error={error} />
        <div class="actions">
          <button type="button" onClick={p.onClose}>{t('common.cancel')}</button>
          <button type="submit" class="primary" data-testid={`crud-${p.name}-save`}>{t('common.save')}</button>
        </div>
      </form>
    </Modal>
  );
}

function QuestionnaireEditor(p: { label: string; value: Question[]; onChange: (v: Question[]) => void }) {
  const set = (i: number, patch: Partial<Question>) => p.onChange(p.value.map((q, j) => (j === i ? { ...q, ...patch } : q)));
  return (
    <fieldset>
      <legend>{p.label}</legend>
      {p.value.map((q, i) => (
        <div class="row">
          <Field label={t('svc.qKey')}>{(id) => <input id={id} value={q.key} onInput={(e) => set(i, { key: val(e) })} />}</Field>
          <Field label={t('svc.qQuestion')} class="grow">{(id) => <input id={id} value={q.question} onInput={(e) => set(i, { question: val(e) })} />}</Field>
          <Check label={t('svc.qRequired')} checked={!!q.required} onChange={(x) => set(i, { required: x })} />
          <button type="button" class="icon" aria-label={t('common.remove')} onClick={() => p.onChange(p.value.filter((_, j) => j !== i))}>×</button>
        </div>
      ))}
      <button type="button" onClick={() => p.onChange([...p.value, { key: `q${p.value.length + 1}`, question: '', required: false }])}>
        + {t('svc.qAdd')}
      </button>
    </fieldset>
  );
}
