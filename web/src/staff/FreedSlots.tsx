// Freed slots (manual waitlist): each freed interval with its candidates, check boxes and a Notify button.
import { useEffect, useState } from 'preact/hooks';
import { errorText } from '../common/api';
import type { FreedSlot } from '../common/types';
import { listFreedSlots, notifyFreedSlot } from './api/waitlist';
import { t, tn, useLang } from '../common/i18n';
import { fmtInstant, isoTime } from '../common/time';
import { ErrorBox, Notice, fullName } from '../common/ui';
import { getClient, staffName, useCatalog } from './catalog';

export function FreedSlots() {
  const lang = useLang();
  const cat = useCatalog();
  const [slots, setSlots] = useState<FreedSlot[]>([]);
  const [names, setNames] = useState<Record<number, string>>({});
  const [checked, setChecked] = useState<Record<string, Set<number>>>({});
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);

  const load = async () => {
    try {
      const items = await listFreedSlots();
      setSlots(items);
      const ids = new Set<number>();
      items.forEach((s) => (s.candidates ?? []).forEach((c) => c.client_id && ids.add(c.client_id)));
      const pairs = await Promise.all([...ids].map(async (id) => [id, fullName(await getClient(id))] as const));
      setNames(Object.fromEntries(pairs));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setLoaded(true);
    }
  };
  useEffect(() => {
    load();
  }, []);

  const toggle = (slotId: number, apptId: number, on: boolean) => {
    const s = new Set(checked[slotId] ?? []);
    on ? s.add(apptId) : s.delete(apptId);
    setChecked({ ...checked, [slotId]: s });
  };
  const notify = async (slot: FreedSlot) => {
    setError(null);
    setNotice(null);
    const ids = [...(checked[slot.id] ?? [])];
    try {
      await notifyFreedSlot(slot.id, ids);
      setNotice(tn('freed.notified', ids.length));
      setChecked({ ...checked, [slot.id]: new Set() });
      await load();
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <div class="page" data-testid="freed-slots">
      <div class="toolbar">
        <h1>{t('freed.title')}</h1>
        <span class="spacer" />
        <button type="button" onClick={load} data-testid="freed-refresh">{t('common.refresh')}</button>
      </div>
      <p class="muted">{t('freed.help')}</p>
      <ErrorBox error={error} />
      <Notice text={notice} testid="freed-notice" />
      {loaded && !slots.length && <p class="muted" data-testid="freed-empty">{t('freed.none')}</p>}
      {slots.map((s) => {
        const notified: number[] = s.notified ?? [];
        const sel = checked[s.id] ?? new Set<number>();
        return (
          <section class="card freed" data-testid={`freed-${s.id}`}>
            <h2>
              {fmtInstant(s.start, lang)}–{isoTime(s.end)} · {cat ? staffName(cat, s.staff_id) : ''}
            </h2>
            {(s.candidates ?? []).length === 0 ? (
              <p class="muted">{t('freed.noCandidates')}</p>
            ) : (
              <table class="table">
                <thead>
                  <tr>
                    <th class="cb" />
                    <th>{t('freed.client')}</th>
                    <th>{t('freed.currentStart')}</th>
                    <th>{t('freed.bookedAt')}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {(s.candidates ?? []).map((c) => (
                    <tr data-testid={`candidate-${c.appointment_id}`}>
                      <td class="cb">
                        <input type="checkbox" aria-label={names[c.client_id] ?? `#${c.client_id}`}
                          checked={sel.has(c.appointment_id)} data-testid={`candidate-check-${c.appointment_id}`}
                          onChange={(e) => toggle(s.id, c.appointment_id, (e.currentTarget as HTMLInputElement).checked)} />
                      </td>
                      <td>{names[c.client_id] ?? `#${c.client_id}`}</td>
                      <td>{fmtInstant(c.start, lang)}</td>
                      <td class="muted">{fmtInstant(c.created_at, lang)}</td>
                      <td>{notified.includes(c.appointment_id) && <span class="badge ok" data-testid="candidate-notified">{t('freed.alreadyNotified')}</span>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <div class="actions">
              <button type="button" class="primary" disabled={!sel.size} data-testid={`freed-notify-${s.id}`} onClick={() => notify(s)}>
                {t('freed.notify', { n: sel.size })}
              </button>
            </div>
          </section>
        );
      })}
    </div>
  );
}
