// The dashboard's preset ranges, as local dates (both inclusive) around `today`.
import { addDays, addMonths, startOfMonth, startOfWeek } from '../common/time';

export type Preset = 'week' | 'month' | 'lastMonth' | 'custom';

/** This week (Monday to Sunday), this month, or last month, from the salon's `today`. */
export function presetRange(p: Exclude<Preset, 'custom'>, today: string): { from: string; to: string } {
  if (p === 'week') {
    const from = startOfWeek(today);
    return { from, to: addDays(from, 6) };
  }
  const first = p === 'month' ? startOfMonth(today) : addMonths(today, -1);
  return { from: first, to: addDays(addMonths(first, 1), -1) };
}
