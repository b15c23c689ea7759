// Weekly hours: several intervals per weekday (a break is two intervals).
import { t } from '../common/i18n';
import type { Hours } from './catalog';

export function HoursEditor(p: { value: Hours[]; onChange: (v: Hours[]) => void; testid?: string }) {
  const rows = p.value;
  const set = (i: number, patch: Partial<Hours>) => p.onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <div class="hours-editor" data-testid={p.testid}>
      {rows.map((r, i) => (
        <div class="row hours-row">
          <label class="sr-only" for={`${p.testid}-wd-${i}`}>{t('hours.weekday')}</label>
          <select id={`${p.testid}-wd-${i}`} value={r.weekday} onChange={(e) => set(i, { weekday: Number((e.currentTarget as HTMLSelectElement).value) })}>
            {[1, 2, 3, 4, 5, 6, 7].map((d) => <option value={d}>{t(`wd.${d}`)}</option>)}
          </select>
          <label class="sr-only" for={`${p.testid}-s-${i}`}>{t('hours.start')}</label>
          <input id={`${p.testid}-s-${i}`} type="time" value={r.start} onInput={(e) => set(i, { start: (e.currentTarget as HTMLInputElement).value })} />
          <span>–</span>
          <label class="sr-only" for={`${p.testid}-e-${i}`}>{t('hours.end')}</label>
          <input id={`${p.testid}-e-${i}`} type="time" value={r.end} onInput={(e) => set(i, { end: (e.currentTarget as HTMLInputElement).value })} />
          <button type="button" class="icon" aria-label={t('common.remove')} onClick={() => p.onChange(rows.filter((_, j) => j !== i))}>×</button>
        </div>
      ))}
      <button type="button" onClick={() => {
        const last = rows[rows.length - 1];
        p.onChange([...rows, { weekday: last ? Math.min(7, last.weekday + 1) : 1, start: last?.start ?? '09:00', end: last?.end ?? '19:00' }]);
      }}>
        + {t('hours.add')}
      </button>
    </div>
  );
}
