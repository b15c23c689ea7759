// The link queue ("red screen"): online accounts not yet linked to a client file. Shown on the agenda as a red
// alert until it is empty; each account is linked to an existing file or gets a new one.
import { useEffect, useState } from 'preact/hooks';
import { errorText } from '../common/api';
import type { Client, LinkQueueItem } from '../common/types';
import { createFileFromAccount, linkAccount, listLinkQueue } from './api/clients';
import { t, tn, useLang } from '../common/i18n';
import { fmtInstant } from '../common/time';
import { ErrorBox, fullName } from '../common/ui';
import { ClientPicker } from './ClientPicker';

export function LinkQueueAlert(p: { onChange?: () => void }) {
  const lang = useLang();
  const [items, setItems] = useState<LinkQueueItem[]>([]);
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const load = () =>
    listLinkQueue()
      .then(setItems)
      .catch(() => setItems([]));
  useEffect(() => {
    load();
    const h = setInterval(load, 60_000);
    return () => clearInterval(h);
  }, []);
  if (!items.length) return null;

  const act = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
      await load();
      p.onChange?.();
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <section class="red-alert" role="alert" data-testid="link-queue">
      <div class="red-alert-head">
        <strong>{tn('linkq.title', items.length)}</strong>
        <button type="button" data-testid="link-queue-toggle" onClick={() => setOpen(!open)}>
          {open ? t('common.hide') : t('linkq.review')}
        </button>
      </div>
      {open && (
        <ul class="linkq-list">
          {items.map((it) => (
            <LinkItem key={it.account_id} it={it} lang={lang} act={act} />
          ))}
        </ul>
      )}
      <ErrorBox error={error} testid="link-queue-error" />
    </section>
  );
}

function LinkItem(p: { it: LinkQueueItem; lang: string; act: (fn: () => Promise<unknown>) => void }) {
  const { it } = p;
  const [client, setClient] = useState<Client | null>(null);
  return (
    <li data-testid={`linkq-${it.account_id}`}>
      <div>
        <strong>{fullName(it)}</strong> <span class="muted">{it.identifier ?? [it.email, it.phone].filter(Boolean).join(' · ')}</span>
        <ul class="muted small">
          {(it.appointments ?? []).map((a) => (
            <li>{typeof a === 'object' ? fmtInstant(a.start, p.lang) : `#${a}`}</li>
          ))}
        </ul>
      </div>
      <div class="linkq-actions">
        <ClientPicker value={client} onChange={setClient} label={t('linkq.existing')} testid={`linkq-${it.account_id}-client`} />
        <button type="button" disabled={!client} data-testid={`linkq-${it.account_id}-link`}
          onClick={() => p.act(() => linkAccount(it.account_id, client!.id))}>
          {t('linkq.link')}
        </button>
        <button type="button" class="primary" data-testid={`linkq-${it.account_id}-create`}
          onClick={() => p.act(() => createFileFromAccount(it.account_id))}>
          {t('linkq.create')}
        </button>
      </div>
    </li>
  );
}
