// The client file's personal-data card (RGPD): marketing consent, "Export data" (one JSON file), erasure for
// good, and the history of who exported or changed the file (admins).
import { useEffect, useState } from 'preact/hooks';
import { downloadBlob, errorText } from '../common/api';
import type { AuditEntry, ClientFile } from '../common/types';
import { getAuthMe } from './api/auth';
import { eraseClient, exportClient, listAudit, updateClient } from './api/clients';
import { t, tv, useLang } from '../common/i18n';
import { fmtInstant } from '../common/time';
import { Check, ErrorBox, Modal, Notice, fullName } from '../common/ui';

/** Who may export and see the history: an admin (later also a salon manager). */
const canManage = (role?: string) => role === 'admin' || role === 'manager';

export function ClientPrivacy(p: { c: ClientFile; reload: () => void }) {
  useLang();
  const [role, setRole] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [erasing, setErasing] = useState(false);
  const [historyKey, setHistoryKey] = useState(0);
  // Shown at once when clicked, then confirmed by the server (or put back on failure).
  const [optOut, setOptOutShown] = useState(!!p.c.marketing_opt_out);
  useEffect(() => setOptOutShown(!!p.c.marketing_opt_out), [p.c.marketing_opt_out]);
  useEffect(() => {
    getAuthMe().then((me) => setRole(me?.role), () => setRole(undefined));
  }, []);
  const admin = canManage(role);

  const setOptOut = async (v: boolean) => {
    setError(null);
    setOptOutShown(v);
    try {
      await updateClient(p.c.id, { marketing_opt_out: v });
      p.reload();
      setHistoryKey((k) => k + 1);
    } catch (e) {
      setOptOutShown(!v);
      setError(errorText(e));
    }
  };
  const exportData = async () => {
    setError(null);
    setNotice(null);
    try {
      const res = await exportClient(p.c.id);
      await downloadBlob(res, `client-${p.c.id}-data.json`);
      setNotice(t('privacy.downloaded'));
      setHistoryKey((k) => k + 1);
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <section class="card" data-testid="client-privacy">
      <h2>{t('privacy.title')}</h2>
      {p.c.erased && <p class="notice" data-testid="client-erased">{t('privacy.erasedBanner')}</p>}
      <ErrorBox error={error} testid="privacy-error" />
      <Notice text={notice} testid="privacy-notice" />
      {!p.c.erased && (
        <Check label={t('privacy.marketingOptOut')} checked={optOut} onChange={setOptOut}
          testid="client-marketing-opt-out" />
      )}
      {admin && (
        <div class="actions">
          <button type="button" data-testid="client-export-data" onClick={exportData}>{t('privacy.exportData')}</button>
          {!p.c.erased && (
            <button type="button" class="danger" data-testid="client-erase" onClick={() => setErasing(true)}>
              {t('privacy.erase')}
            </button>
          )}
        </div>
      )}
      {admin && <AccessHistory clientId={p.c.id} refresh={historyKey} />}
      {erasing && (
        <EraseDialog c={p.c} onClose={() => setErasing(false)}
          onErased={() => { setErasing(false); setNotice(t('privacy.erased')); p.reload(); setHistoryKey((k) => k + 1); }} />
      )}
    </section>
  );
}

function EraseDialog(p: { c: ClientFile; onClose: () => void; onErased: () => void }) {
  const [sure, setSure] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const go = async () => {
    setError(null);
    try {
      await eraseClient(p.c.id);
      p.onErased();
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <Modal title={t('privacy.eraseTitle', { name: fullName(p.c) })} onClose={p.onClose} testid="erase-dialog">
      <p>{t('privacy.eraseHelp')}</p>
      <Check label={t('privacy.eraseSure')} checked={sure} onChange={setSure} testid="erase-sure" />
      <ErrorBox error={error} />
      <div class="actions">
        <button type="button" onClick={p.onClose}>{t('common.cancel')}</button>
        <button type="button" class="danger" disabled={!sure} data-testid="erase-confirm" onClick={go}>
          {t('privacy.eraseDo')}
        </button>
      </div>
    </Modal>
  );
}

/** An audit detail ("by=staff;cancelled=1", "fields=phone,note") in words of the UI's language. */
export function detailText(detail: string): string {
  if (!detail) return '';
  return detail
    .split(';')
    .map((pair) => {
      const [key, value = ''] = pair.split('=');
      const words = (prefix: string) => value.split(',').map((v) => tv(prefix, v)).join(', ');
      if (key === 'fields') return t('privacy.detail.fields', { v: words('privacy.field') });
      if (key === 'columns') return t('privacy.detail.columns', { v: value.split(',').join(', ') });
      if (key === 'by' || key === 'via' || key === 'file' || key === 'filtered') return tv(`privacy.${key}`, value);
      const k = `privacy.detail.${key}`;
      const text = t(k, { n: value });
      return text === k ? pair : text;
    })
    .join(' · ');
}

function actorText(a: { type: string; name: string }): string {
  if (a.type === 'system') return t('privacy.actor.system');
  if (a.type === 'client') {
    const who = t('privacy.actor.client');
    return a.name ? `${a.name} (${who})` : who.charAt(0).toUpperCase() + who.slice(1);
  }
  return a.name;
}

function AccessHistory(p: { clientId: number; refresh: number }) {
  const lang = useLang();
  const [items, setItems] = useState<AuditEntry[] | null>(null);
  const [total, setTotal] = useState(0);
  const [limit, setLimit] = useState(10);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    listAudit({ client_id: p.clientId, limit }).then(
      (r) => { setItems(r.items); setTotal(r.total); },
      (e) => setError(errorText(e)),
    );
  }, [p.clientId, p.refresh, limit]);
  return (
    <div class="access-history" data-testid="client-access-history">
      <h3>{t('privacy.history')}</h3>
      <ErrorBox error={error} />
      <table class="table">
        <tbody>
          {(items ?? []).map((x) => (
            <tr data-testid="access-row" data-action={x.action}>
              <td class="muted small">{fmtInstant(x.at, lang)}</td>
              <td>{tv('privacy.action', x.action)}</td>
              <td>{actorText(x.actor)}</td>
              <td class="muted small">{detailText(x.detail)}</td>
            </tr>
          ))}
          {items && !items.length && <tr><td class="muted">{t('privacy.noHistory')}</td></tr>}
        </tbody>
      </table>
      {items && total > items.length && (
        <button type="button" class="link" data-testid="access-more" onClick={() => setLimit(limit + 20)}>
          {t('privacy.more', { n: total - items.length })}
        </button>
      )}
    </div>
  );
}
