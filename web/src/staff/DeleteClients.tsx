// The dialog before deleting client files (one from the client file, several from the list): it says how
// many future appointments will be cancelled (and their clients told), from a dry run of the bulk delete.
import { useEffect, useState } from 'preact/hooks';
import { errorText } from '../common/api';
import { listAppointments } from './api/appointments';
import { bulkDeleteClients, deleteClient } from './api/clients';
import { t, tn } from '../common/i18n';
import { addDays, todayIn } from '../common/time';
import { ErrorBox, Modal } from '../common/ui';

/** Future appointments a delete would cancel: the server's dry run, else (an employee) counted from the list. */
async function cancelledBy(ids: number[]): Promise<number> {
  try {
    const r = await bulkDeleteClients(ids, true);
    if (typeof r?.cancelled === 'number') return r.cancelled;
  } catch {
    /* not allowed (employees may not bulk delete): count below */
  }
  const today = todayIn();
  let n = 0;
  for (const id of ids) {
    const list = await listAppointments({ client_id: id, from: today, to: addDays(today, 3 * 366), limit: 500 });
    n += list.filter((a) => a.status !== 'cancelled' && Date.parse(a.start) > Date.now()).length;
  }
  return n;
}

export function DeleteClientsDialog(p: {
  ids: number[];
  title: string;
  /** Test ids: `${testid}-dialog` and `${testid}-confirm`. */
  testid: string;
  onClose: () => void;
  onDeleted: (deleted: number) => void;
}) {
  const [cancelled, setCancelled] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    cancelledBy(p.ids).then(setCancelled, (e) => setError(errorText(e)));
  }, []);
  const go = async () => {
    setBusy(true);
    setError(null);
    try {
      if (p.ids.length === 1) {
        await deleteClient(p.ids[0]);
        p.onDeleted(1);
      } else {
        const r = await bulkDeleteClients(p.ids);
        p.onDeleted(r?.deleted ?? p.ids.length);
      }
    } catch (e) {
      setError(errorText(e));
      setBusy(false);
    }
  };
  return (
    <Modal title={p.title} onClose={p.onClose} testid={`${p.testid}-dialog`}>
      <p>{tn('clients.deleteConfirm', p.ids.length)}</p>
      <p data-testid="delete-cancelled-count" class={cancelled ? 'warn-text' : 'muted'}>
        {cancelled === null ? t('common.loading') : cancelled === 0 ? t('clients.deleteCancelsNone') : tn('clients.deleteCancels', cancelled)}
      </p>
      <ErrorBox error={error} />
      <div class="actions">
        <button type="button" onClick={p.onClose}>{t('common.cancel')}</button>
        <button type="button" class="danger" disabled={busy || cancelled === null} data-testid={`${p.testid}-confirm`} onClick={go}>
          {t('common.delete')}
        </button>
      </div>
    </Modal>
  );
}
