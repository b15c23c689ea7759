// Clients page: list with total, search, sort, last appointment, multi-select delete, CSV export, new client.
import { useEffect, useState } from 'preact/hooks';
import { downloadBlob, errorText, fieldErrorOf, FieldError } from '../common/api';
import type { Client } from '../common/types';
import { createClient, exportClientsCsv, listClients, type CsvExportQuery } from './api/clients';
import { t, tn, useLang } from '../common/i18n';
import { fmtShortDate } from '../common/time';
import { Check, ErrorBox, Field, Modal, Notice, fullName, val } from '../common/ui';
import { formatPhone } from '../common/phone';
import { useCatalog } from './catalog';
import { ClientFields, ClientForm, emptyClient } from './ClientFields';
import { DeleteClientsDialog } from './DeleteClients';

const PAGE = 50;
export const EXPORT_COLUMNS = ['id', 'first_name', 'last_name', 'email', 'phone', 'gender', 'birth_date', 'note', 'account', 'last_appointment'];

export function Clients(p: { isAdmin: boolean }) {
  const lang = useLang();
  const country = useCatalog()?.salon.country;
  const [q, setQ] = useState('');
  const [sort, setSort] = useState<'name' | '-name'>('name');
  const [offset, setOffset] = useState(0);
  const [data, setData] = useState<{ total: number; items: Client[] }>({ total: 0, items: [] });
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [dialog, setDialog] = useState<'export' | 'delete' | 'new' | null>(null);

  const load = async () => {
    try {
      setData(await listClients({ q: q.trim(), sort, limit: PAGE, offset }));
    } catch (e) {
      setError(errorText(e));
    }
  };
  useEffect(() => {
    const h = setTimeout(load, 200);
    return () => clearTimeout(h);
  }, [q, sort, offset]);

  const toggle = (id: number, on: boolean) => {
    const s = new Set(selected);
    on ? s.add(id) : s.delete(id);
    setSelected(s);
  };
  const allOnPage = data.items.length > 0 && data.items.every((c) => selected.has(c.id));

  return (
    <div class="page">
      <div class="toolbar">
        <h1>{t('clients.title')}</h1>
        <span class="badge" data-testid="clients-total">{tn('clients.total', data.total)}</span>
        <span class="spacer" />
        <label class="sr-only" for="client-q">{t('clients.search')}</label>
        <input id="client-q" type="search" placeholder={t('clients.search')} value={q} data-testid="clients-search"
          onInput={(e) => { setQ(val(e)); setOffset(0); }} />
        <button type="button" class="primary" data-testid="clients-new" onClick={() => setDialog('new')}>+ {t('clients.new')}</button>
        {p.isAdmin && (
          <button type="button" data-testid="clients-export" onClick={() => setDialog('export')}>{t('clients.export')}</button>
        )}
        {p.isAdmin && (
          <button type="button" class="danger" disabled={!selected.size} data-testid="clients-bulk-delete" onClick={() => setDialog('delete')}>
            {t('clients.deleteSelected', { n: selected.size })}
          </button>
        )}
      </div>
      <ErrorBox error={error} />
      <Notice text={notice} />
      <table class="table cards" data-testid="clients-table">
        <thead>
          <tr>
            <th class="cb">
              {p.isAdmin && <input type="checkbox" aria-label={t('clients.selectAll')} checked={allOnPage} data-testid="clients-select-all"
                onChange={(e) => {
                  const on = (e.currentTarget as HTMLInputElement).checked;
                  const s = new Set(selected);
                  data.items.forEach((c) => (on ? s.add(c.id) : s.delete(c.id)));
                  setSelected(s);
                }} />}
            </th>
            <th>
              <button type="button" class="link sort" data-testid="clients-sort" aria-label={t('clients.sortByName')}
                onClick={() => setSort(sort === 'name' ? '-name' : 'name')}>
                {t('clients.name')} {sort === 'name' ? '▲' : '▼'}
              </button>
            </th>
            <th>{t('client.email')}</th>
            <th>{t('client.phone')}</th>
            <th>{t('clients.account')}</th>
            <th>{t('clients.lastAppointment')}</th>
            <th>{t('client.note')}</th>
          </tr>
        </thead>
        <tbody>
          {data.items.map((c) => (
            <tr data-testid={`client-row-${c.id}`}>
              <td class="cb">
                {p.isAdmin && (
                  <input type="checkbox" aria-label={fullName(c)} checked={selected.has(c.id)} data-testid={`client-select-${c.id}`}
                    onChange={(e) => toggle(c.id, (e.currentTarget as HTMLInputElement).checked)} />
                )}
              </td>
              <td class="card-title"><a href={`#/clients/${c.id}`} data-testid={`client-link-${c.id}`}>{c.erased ? t('privacy.erasedFile', { id: c.id }) : `${c.last_name} ${c.first_name}`}</a></td>
              <td data-label={t('client.email')} class="wrap">{c.email}</td>
              <td data-label={t('client.phone')} class="nowrap" data-testid={`client-phone-${c.id}`}>{formatPhone(c.phone, country)}</td>
              <td data-label={t('clients.account')}>{c.account ?? ''}</td>
              <td data-label={t('clients.lastAppointment')}>{c.last_appointment ? fmtShortDate(String(c.last_appointment).slice(0, 10), lang) : '—'}</td>
              <td data-label={t('client.note')} class="muted">{c.note}</td>
            </tr>
          ))}
          {!data.items.length && (
            <tr><td colSpan={7} class="muted">{t('clients.none')}</td></tr>
          )}
        </tbody>
      </table>
      {data.total > PAGE && (
        <div class="pager">
          <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>‹</button>
          <span>{offset + 1}–{Math.min(offset + PAGE, data.total)} / {data.total}</span>
          <button type="button" disabled={offset + PAGE >= data.total} onClick={() => setOffset(offset + PAGE)}>›</button>
        </div>
      )}
      {dialog === 'export' && <ExportDialog onClose={() => setDialog(null)} />}
      {dialog === 'delete' && (
        <DeleteClientsDialog ids={[...selected]} title={t('clients.deleteTitle')} testid="bulk-delete" onClose={() => setDialog(null)}
          onDeleted={(n) => {
            setNotice(tn('clients.deleted', n));
            setSelected(new Set());
            setDialog(null);
            load();
          }} />
      )}
      {dialog === 'new' && <NewClientDialog onClose={() => setDialog(null)} onCreated={(c) => (location.hash = `#/clients/${c.id}`)} />}
    </div>
  );
}

function NewClientDialog(p: { onClose: () => void; onCreated: (c: Client) => void }) {
  const [c, setC] = useState<ClientForm>(emptyClient());
  const [error, setError] = useState<string | null>(null);
  const [fieldErr, setFieldErr] = useState<FieldError | null>(null);
  const save = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setFieldErr(null);
    try {
      p.onCreated(await createClient(c));
    } catch (err) {
      setError(errorText(err));
      setFieldErr(fieldErrorOf(err));
    }
  };
  return (
    <Modal title={t('clients.new')} onClose={p.onClose} testid="new-client-dialog">
      <form onSubmit={save}>
        <ClientFields value={c} onChange={setC} error={fieldErr} />
        <ErrorBox error={error} />
        <div class="actions">
          <button type="button" onClick={p.onClose}>{t('common.cancel')}</button>
          <button type="submit" class="primary" data-testid="new-client-save">{t('common.save')}</button>
        </div>
      </form>
    </Modal>
  );
}

export function ExportDialog(p: { onClose: () => void }) {
  const [delimiter, setDelimiter] = useState<CsvExportQuery['delimiter']>(';');
  const [cols, setCols] = useState<string[]>(['first_name', 'last_name', 'email', 'phone', 'last_appointment']);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const go = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const ordered = EXPORT_COLUMNS.filter((c) => cols.includes(c));
      const res = await exportClientsCsv({ delimiter, columns: ordered.join(',') });
      await downloadBlob(res, 'clients.csv');
      p.onClose();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal title={t('export.title')} onClose={p.onClose} testid="export-dialog">
      <form onSubmit={go}>
        <Field label={t('export.delimiter')}>
          {(id) => (
            <select id={id} value={delimiter} data-testid="export-delimiter" onChange={(e) => setDelimiter(val(e) as CsvExportQuery['delimiter'])}>
              <option value=",">{t('export.comma')} ( , )</option>
              <option value=";">{t('export.semicolon')} ( ; )</option>
              <option value="tab">{t('export.tab')}</option>
            </select>
          )}
        </Field>
        <fieldset class="columns-choice">
          <legend>{t('export.columns')}</legend>
          {EXPORT_COLUMNS.map((c) => (
            <Check label={t(`col.${c}`)} checked={cols.includes(c)} testid={`export-col-${c}`}
              onChange={(on) => setCols(on ? [...cols, c] : cols.filter((x) => x !== c))} />
          ))}
        </fieldset>
        <ErrorBox error={error} />
        <div class="actions">
          <button type="button" onClick={p.onClose}>{t('common.cancel')}</button>
          <button type="submit" class="primary" disabled={busy || !cols.length} data-testid="export-download">
            {t('export.download')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
