// The agenda's layout, without the DOM: which columns the grid shows (staff, staff × day in the week, or
// resources), which block each appointment line draws in which column, the side-by-side lanes of blocks
// that overlap, the hours the grid spans and where a block sits in it. Agenda.tsx and AgendaGrid.tsx draw
// what this computes; agendaLayout.test.ts checks it.
import { fullName } from '../common/names';
import { addDays, fmtDate, isoDate, isoTime, toMin, weekday } from '../common/time';
import type { Appointment, Hours, Staff, TimeOff } from '../common/types';
import type { Catalog } from './catalog';
import { serviceName, staffColor } from './catalogNames';

export type View = 'day' | 'week' | 'resources';

/** Pixels per minute of the grid's height. */
export const PX_PER_MIN = 1.4;

export interface Interval {
  start: number;
  end: number;
}

export interface Column {
  key: string;
  date: string;
  staffId?: number;
  resourceId?: number;
  label: string;
  /** The day above a group of lanes in the week view (e.g. "sam. 6 mars"). */
  dayLabel?: string;
  /** The staff member's colour (a stripe on the header). */
  color?: string;
  /** Open intervals for that column (minutes from midnight); outside them the grid is shaded. */
  open: Interval[];
  groupStart?: boolean;
}

export interface Block {
  key: string;
  appt: Appointment;
  colKey: string;
  start: string;
  end: string;
  title: string;
  services: string;
  /** The colour of the staff member doing it. */
  color?: string;
}

/** Staff time off drawn in a column: minutes of that column's day (clipped to the day). */
export interface AbsenceBlock {
  key: string;
  colKey: string;
  startMin: number;
  endMin: number;
  /** What the block says: the reason (or a generic word) and the local times. */
  label: string;
  when: string;
  timeOff: TimeOff;
}

export interface DropTarget {
  col: Column;
  time: string;
}

/** The open intervals of a weekday, in minutes from midnight. */
export function openIntervals(hours: Hours[] | undefined, wd: number): Interval[] {
  return (hours ?? [])
    .filter((h) => h.weekday === wd)
    .map((h) => ({ start: toMin(h.start), end: toMin(h.end) }));
}

export const isOpen = (col: Column, m: number) => col.open.some((o) => m >= o.start && m < o.end);

/** A staff member's working intervals on a date: their own hours, else the salon's. */
export const staffOpen = (c: Catalog, s: Staff, d: string) =>
  s.hours && s.hours.length ? openIntervals(s.hours, weekday(d)) : openIntervals(c.salon.opening_hours, weekday(d));

/** The staff who get a column: those who perform services, or hold something on the shown days. */
export function shownStaff(c: Catalog, busy: Set<number>, filter: number): Staff[] {
  if (filter) return c.staff.filter((s) => s.id === filter);
  const shown = c.staff.filter((s) => s.service_ids.length > 0 || busy.has(s.id));
  return shown.length ? shown : c.staff;
}

/** The week's days worth a column: the salon (or the chosen person) works, or something is booked. */
export function weekDays(c: Catalog, from: string, staff: Staff[], filter: number, busyDays: Set<string>): string[] {
  const all = [0, 1, 2, 3, 4, 5, 6].map((i) => addDays(from, i));
  const open = all.filter((d) =>
    busyDays.has(d) ||
    (filter ? staff.some((s) => staffOpen(c, s, d).length) : openIntervals(c.salon.opening_hours, weekday(d)).length > 0),
  );
  return open.length ? open : all;
}

/** The grid's columns: resources of the day, staff of the day, one person's week, or staff lanes × days. */
export function buildColumns(c: Catalog, view: View, date: string, days: string[], lang: string, staff: Staff[], filter: number,
  busyKeys: Set<string>): Column[] {
  if (view === 'resources') {
    const open = openIntervals(c.salon.opening_hours, weekday(date));
    return c.resources.map((r) => ({ key: `r${r.id}-${date}`, date, resourceId: r.id, label: r.name, open }));
  }
  const dayLabel = (d: string) => {
    const s = fmtDate(d, lang, { weekday: 'short', day: 'numeric', month: 'short', year: undefined });
    return s.charAt(0).toUpperCase() + s.slice(1);
  };
  if (view === 'week' && filter) {
    // One person's week: a wide column per day, named by the day.
    const s = staff[0];
    return days.map((d) => ({ key: `s${s.id}-${d}`, date: d, staffId: s.id, label: dayLabel(d), open: staffOpen(c, s, d), color: staffColor(c, s.id) }));
  }
  const cols: Column[] = [];
  for (const d of days) {
    // In the week, a day's lanes are the staff who work that day or hold something on it.
    const lanes = view === 'week' ? staff.filter((s) => staffOpen(c, s, d).length || busyKeys.has(`s${s.id}-${d}`)) : staff;
    (lanes.length ? lanes : staff).forEach((s, i) =>
      cols.push({
        key: `s${s.id}-${d}`,
        date: d,
        staffId: s.id,
        label: view === 'week' ? s.first_name : fullName(s),
        dayLabel: view === 'week' ? dayLabel(d) : undefined,
        open: staffOpen(c, s, d),
        color: staffColor(c, s.id),
        groupStart: view === 'week' && i === 0,
      }),
    );
  }
  return cols;
}

/**
 * The blocks of the appointments: consecutive lines in the same column make one block. `unlinked` titles an
 * appointment without a client file (booked online, waiting in the link queue).
 */
export function buildBlocks(c: Catalog, view: View, appts: Appointment[], names: Record<number, string>, unlinked: string): Block[] {
  const out: Block[] = [];
  for (const a of appts) {
    const lines = a.lines ?? [];
    const title = a.client_id ? names[a.client_id] ?? '…' : unlinked;
    let cur: Block | null = null;
    lines.forEach((l, i) => {
      const start = l.start ?? a.start;
      const end = l.end ?? a.end;
      const d = isoDate(start);
      const colKey = view === 'resources' ? (l.resource_id ? `r${l.resource_id}-${d}` : '') : `s${l.staff_id}-${d}`;
      if (!colKey) {
        cur = null;
        return;
      }
      if (cur && cur.colKey === colKey) {
        cur.end = end;
        cur.services += ', ' + serviceName(c, l.service_id);
      } else {
        cur = { key: `${a.id}-${i}`, appt: a, colKey, start, end, title, services: serviceName(c, l.service_id), color: staffColor(c, l.staff_id) };
        out.push(cur);
      }
    });
  }
  return out;
}

/** A block's start and end in minutes of its day (one that runs past midnight ends at 24:00). */
export const blockMinutes = (b: { start: string; end: string }): [number, number] => [
  toMin(isoTime(b.start)),
  isoDate(b.end) > isoDate(b.start) ? 24 * 60 : toMin(isoTime(b.end)),
];

export interface Lane {
  /** 0-based lane of the block. */
  lane: number;
  /** How many lanes its cluster of overlapping blocks needs. */
  of: number;
}

/**
 * Side-by-side lanes for blocks that overlap in one column (group services, or double bookings): a cluster
 * of blocks that overlap one another, directly or through others, shares its width; each block takes the
 * first lane free at its start.
 */
export function blockLanes(blocks: Block[]): Map<string, Lane> {
  const out = new Map<string, Lane>();
  const sorted = [...blocks].sort((a, b) => blockMinutes(a)[0] - blockMinutes(b)[0]);
  let cluster: { b: Block; lane: number }[] = [];
  let clusterEnd = -1;
  let laneEnds: number[] = [];
  const flush = () => {
    for (const c of cluster) out.set(c.b.key, { lane: c.lane, of: laneEnds.length });
    cluster = [];
    laneEnds = [];
  };
  for (const b of sorted) {
    const [s, e] = blockMinutes(b);
    if (s >= clusterEnd) flush();
    let lane = laneEnds.findIndex((end) => end <= s);
    if (lane < 0) lane = laneEnds.push(e) - 1;
    else laneEnds[lane] = e;
    cluster.push({ b, lane });
    clusterEnd = Math.max(clusterEnd, e);
  }
  flush();
  return out;
}

/** Where a block is drawn in its column: top and height in pixels, left and width in % of the column. */
export interface BlockBox {
  top: number;
  height: number;
  leftPct: number;
  widthPct: number;
}
export function blockBox(b: Block, lane: Lane, startMin: number): BlockBox {
  const [s, e] = blockMinutes(b);
  return {
    top: (s - startMin) * PX_PER_MIN,
    // A very short block stays tall enough to click.
    height: Math.max(e - s, 10) * PX_PER_MIN - 2,
    leftPct: (100 * lane.lane) / lane.of,
    widthPct: 100 / lane.of,
  };
}

/** Consecutive columns of the same date in the week view: one day header over them. */
export function dayGroups(columns: Column[]): { start: number; span: number; col: Column }[] {
  const out: { start: number; span: number; col: Column }[] = [];
  columns.forEach((c, i) => {
    const last = out[out.length - 1];
    if (last && last.col.date === c.date) last.span++;
    else out.push({ start: i, span: 1, col: c });
  });
  return out;
}

/**
 * The grid's range in minutes: the salon's widest hours over the shown days and the columns' open hours,
 * stretched to fit every block drawn in a shown column, in whole hours (09:00–19:00 when nothing is open).
 * Absences do not stretch it (a whole-day absence must not stretch the grid to midnight).
 */
export function gridRange(openingHours: Hours[], days: string[], columns: Column[], blocks: Block[]): { startMin: number; endMin: number } {
  let startMin = 24 * 60;
  let endMin = 0;
  for (const d of days)
    for (const o of openIntervals(openingHours, weekday(d))) {
      startMin = Math.min(startMin, o.start);
      endMin = Math.max(endMin, o.end);
    }
  for (const col of columns)
    for (const o of col.open) {
      startMin = Math.min(startMin, o.start);
      endMin = Math.max(endMin, o.end);
    }
  if (startMin >= endMin) {
    startMin = 9 * 60;
    endMin = 19 * 60;
  }
  const colKeys = new Set(columns.map((c) => c.key));
  for (const b of blocks) {
    if (!colKeys.has(b.colKey)) continue;
    const [s, e] = blockMinutes(b);
    startMin = Math.min(startMin, s);
    endMin = Math.max(endMin, e);
  }
  return { startMin: Math.floor(startMin / 60) * 60, endMin: Math.ceil(endMin / 60) * 60 };
}
