// The messages sent about an appointment or to a client (GET /api/outbox?appointment_id= / ?client_id=):
// kind, channel, status and time, so staff can tell whether the client was told; a failed one can be sent
// again (POST /api/outbox/{id}/resend).
import { useEffect, useState } from 'preact/hooks';
import { errorText } from '../common/api';
import type { OutboxMessage } from '../common/types';
import { listOutbox, resendMessage } from './api/messages';
import { t, tv, useLang } from '../common/i18n';
import { fmtInstant } from '../common/time';
import { ErrorBox } from '../common/ui';

export function Messages(p: { appointmentId?: number; clientId?: number; testid?: string }) {
  const lang = useLang();
  const [items, setItems] = useState<OutboxMessage[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const query = p.appointmentId ? { appointment_id: p.appointmentId } : { client_id: p.clientId };
  const load = () =>
    listOutbox({ ...query, limit: 100 }).then(
      (list) => setItems(list.sort((a, b) => (String(a.created_at) < String(b.created_at) ? 1 : -1))),
      (e) => {
        setError(errorText(e));
        setItems([]);
      },
    );
  useEffect(() => {
    load();
  }, [p.appointmentId, p.clientId]);

  const resend = async (m: OutboxMessage) => {
    setError(null);
    try {
      await resendMessage(m.id);
      await load();
    } catch (e) {
      setError(errorText(e));
    }
  };

  const tid = p.testid ?? 'messages';
  return (
    <div class="messages" data-testid={tid}>
      <ErrorBox error={error} testid={`${tid}-error`} />
      {items === null ? (
        <p class="muted">{t('common.loading')}</p>
      ) : !items.length ? (
        <p class="muted" data-testid={`${tid}-none`}>{t('msg.none')}</p>
      ) : (
        <table class="table compact-table">
          <thead>
            <tr>
              <th>{t('msg.when')}</th>
              <th>{t('msg.kind')}</th>
              <th>{t('msg.channel')}</th>
              <th>{t('msg.to')}</th>
              <th>{t('msg.status')}</th>
              <th><span class="sr-only">{t('msg.actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            {items.map((m) => (
              <tr data-testid={`message-${m.id}`} data-status={m.status}>
                <td>{fmtInstant(m.sent_at || m.created_at, lang)}</td>
                <td>{tv('msgkind', m.kind)}</td>
                <td>{tv('channel', m.channel)}</td>
                <td class="wrap">{m.to}</td>
                <td>
                  <span class={`badge msg-${m.status}`} title={m.last_error || undefined}>{tv('msgstatus', m.status)}</span>
                  {m.status === 'failed' && m.last_error && <span class="small muted msg-error">{m.last_error}</span>}
                </td>
                <td class="row-actions">
                  {m.status === 'failed' && (
                    <button type="button" class="link" data-testid={`message-resend-${m.id}`} onClick={() => resend(m)}>
                      {t('msg.resend')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
