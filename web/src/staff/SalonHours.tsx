// A staff member's salons and weekly hours in a network: each hours row says at which salon it is worked
// (rows of two salons may not overlap on a weekday: one place at a time; the server checks it).
import { t } from '../common/i18n';
import { Check } from '../common/ui';
import type { Hours } from './catalog';
import type { FieldSpec } from './Crud';
import type { NetSalon } from './salon';

export function SalonChecks(p: { salons: NetSalon[]; value: number[]; onChange: (v: number[]) => void; testid?: string }) {
  return (
    <fieldset class="multi" data-testid={p.testid}>
      <legend>{t('net.worksAt')}</legend>
      {p.salons.map((s) => (
        <Check label={s.name} checked={p.value.includes(s.id)} testid={`${p.testid}-${s.id}`}
          onChange={(on) => p.onChange(on ? [...p.value, s.id] : p.value.filter((x) => x !== s.id))} />
      ))}
    </fieldset>
  );
}

export function SalonHoursEditor(p: {
  value: Hours[];
  onChange: (v: Hours[]) => void;
  /** The salons the person works at (the rows' choices), in the network's order. */
  salons: NetSalon[];
  testid?: string;
}) {
  const rows = p.value;
  const set = (i: number, patch: Partial<Hours>) => p.onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const tid = p.testid ?? 'salon-hours';
  const add = () => {
    const last = rows[rows.length - 1];
    p.onChange([...rows, {
      weekday: last ? Math.min(7, last.weekday + 1) : 1,
      start: last?.start ?? '09:00',
      end: last?.end ?? '19:00',
      salon_id: last?.salon_id ?? p.salons[0]?.id ?? null,
    }]);
  };
  return (
    <fieldset>
      <legend>{t('staff.hours')}</legend>
      <div class="hours-editor" data-testid={tid}>
        {rows.map((r, i) => (
          <div class="row hours-row" data-testid={`${tid}-row-${i}`}>
            <label class="sr-only" for={`${tid}-salon-${i}`}>{t('net.salon')}</label>
            <select id={`${tid}-salon-${i}`} value={r.salon_id ?? ''} data-testid={`${tid}-salon-${i}`}
              onChange={(e) => set(i, { salon_id: Number((e.currentTarget as HTMLSelectElement).value) || null })}>
              {!p.salons.some((s) => s.id === r.salon_id) && <option value={r.salon_id ?? ''}>{t('net.noSalon')}</option>}
              {p.salons.map((s) => <option value={s.id}>{s.name}</option>)}
            </select>
            <label class="sr-only" for={`${tid}-wd-${i}`}>{t('hours.weekday')}</label>
            <select id={`${tid}-wd-${i}`} value={r.weekday} data-testid={`${tid}-wd-${i}`}
              onChange={(e) => set(i, { weekday: Number((e.currentTarget as HTMLSelectElement).value) })}>
              {[1, 2, 3, 4, 5, 6, 7].map((d) => <option value={d}>{t(`wd.${d}`)}</option>)}
            </select>
            <label class="sr-only" for={`${tid}-s-${i}`}>{t('hours.start')}</label>
            <input id={`${tid}-s-${i}`} type="time" value={r.start} data-testid={`${tid}-start-${i}`}
              onInput={(e) => set(i, { start: (e.currentTarget as HTMLInputElement).value })} />
            <span>–</span>
            <label class="sr-only" for={`${tid}-e-${i}`}>{t('hours.end')}</label>
            <input id={`${tid}-e-${i}`} type="time" value={r.end} data-testid={`${tid}-end-${i}`}
              onInput={(e) => set(i, { end: (e.currentTarget as HTMLInputElement).value })} />
            <button type="button" class="icon" aria-label={t('common.remove')} onClick={() => p.onChange(rows.filter((_, j) => j !== i))}>×</button>
          </div>
        ))}
        <button type="button" data-testid={`${tid}-add`} onClick={add} disabled={!p.salons.length}>+ {t('hours.add')}</button>
      </div>
    </fieldset>
  );
}

/** Per salon, "Lun, Mar 09:00–19:00 · Mer 14:00–18:00": a staff list's summary of hours (one line per salon). */
export function hoursBySalon(hours: Hours[], salons: NetSalon[]): string[] {
  const by = new Map<number | null, Hours[]>();
  for (const h of hours) by.set(h.salon_id ?? null, [...(by.get(h.salon_id ?? null) ?? []), h]);
  return [...by.entries()].map(([id, rows]) => {
    const ranges = new Map<string, number[]>();
    for (const h of rows.slice().sort((a, b) => a.weekday - b.weekday)) {
      const k = `${h.start}–${h.end}`;
      ranges.set(k, [...(ranges.get(k) ?? []), h.weekday]);
    }
    const days = [...ranges.entries()]
      .map(([range, wds]) => `${[...new Set(wds)].map((d) => t(`wd.${d}`).slice(0, 3)).join(', ')} ${range}`)
      .join(' · ');
    const name = salons.find((s) => s.id === id)?.name ?? '';
    return name ? t('net.hoursAt', { salon: name, days }) : days;
  });
}

/** The staff form's fields for a network: the salons worked at, then hours rows per salon. */
export function staffSalonFields(salons: NetSalon[]): FieldSpec[] {
  return [
    {
      key: 'salon_ids', label: t('net.worksAt'), type: 'custom',
      render: (v, set) => <SalonChecks salons={salons} value={(v as number[] | undefined) ?? []} onChange={set} testid="staff-salons" />,
    },
    {
      key: 'hours', label: t('staff.hours'), type: 'custom',
      render: (v, set, item) => (
        <SalonHoursEditor value={(v as Hours[] | undefined) ?? []} onChange={set} testid="staff-hours"
          salons={salons.filter((s) => ((item.salon_ids as number[] | undefined) ?? []).includes(s.id))} />
      ),
    },
  ];
}
