import { describe, expect, it } from 'vitest';
import type { Appointment, AppointmentLine, Hours } from '../common/types';
import {
  PX_PER_MIN, blockBox, blockLanes, blockMinutes, buildBlocks, buildColumns, dayGroups, gridRange, isOpen, openIntervals,
  shownStaff, staffOpen, weekDays, type Block, type Column,
} from './agendaLayout';
import type { Catalog } from './catalog';

// 2027-03-01 is a Monday.
const MON = '2027-03-01';
const TUE = '2027-03-02';
const SUN = '2027-03-07';

const salonHours: Hours[] = [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, start: '09:00', end: '19:00' }));

function catalog(): Catalog {
  return {
    salon: { timezone: 'Europe/Paris', currency: 'EUR', opening_hours: salonHours },
    staff: [
      // Alice works mornings on Monday, with a break, and not on Tuesday.
      { id: 1, first_name: 'Alice', last_name: 'Martin', service_ids: [10, 11], color: '#112233',
        hours: [{ weekday: 1, start: '08:00', end: '12:00' }, { weekday: 1, start: '13:00', end: '15:00' }, { weekday: 3, start: '10:00', end: '18:00' }] },
      // Bob has no hours of his own: the salon's.
      { id: 2, first_name: 'Bob', last_name: 'Durand', service_ids: [10] },
      // The owner's login performs nothing.
      { id: 3, first_name: 'Owner', service_ids: [] },
    ],
    services: [
      { id: 10, name: 'Cut', duration_minutes: 30, price_cents: 3000, resource_ids: [] },
      { id: 11, name: 'Colour', duration_minutes: 60, price_cents: 6000, resource_ids: [20] },
    ],
    resources: [{ id: 20, name: 'Basin' }, { id: 21, name: 'Room' }],
    packageTypes: [],
    me: null,
  };
}

const line = (service_id: number, staff_id: number, start: string, end: string, resource_id: number | null = null): AppointmentLine =>
  ({ service_id, staff_id, resource_id, start, end });
const appt = (id: number, client_id: number | null, lines: AppointmentLine[]): Appointment => ({
  id, client_id, status: 'approved', lines, start: lines[0].start!, end: lines[lines.length - 1].end!,
});
const at = (d: string, t: string) => `${d}T${t}:00+01:00`;
const block = (key: string, start: string, end: string, colKey = `s1-${MON}`): Block => ({
  key, colKey, start: at(MON, start), end: end.includes('T') ? end : at(MON, end), title: '', services: '', appt: appt(1, 1, [line(10, 1, at(MON, start), at(MON, '23:00'))]),
});

describe('open intervals', () => {
  it("are a weekday's rows in minutes", () => {
    const c = catalog();
    expect(openIntervals(c.staff[0].hours, 1)).toEqual([{ start: 480, end: 720 }, { start: 780, end: 900 }]);
    expect(openIntervals(c.staff[0].hours, 2)).toEqual([]);
    expect(openIntervals(undefined, 1)).toEqual([]);
  });
  it("are the staff member's own hours, else the salon's", () => {
    const c = catalog();
    expect(staffOpen(c, c.staff[0], MON)).toEqual([{ start: 480, end: 720 }, { start: 780, end: 900 }]);
    expect(staffOpen(c, c.staff[1], MON)).toEqual([{ start: 540, end: 1140 }]);
    expect(staffOpen(c, c.staff[1], SUN)).toEqual([]);
  });
  it('make a column open at a minute inside one of them, end excluded', () => {
    const col: Column = { key: 'k', date: MON, label: '', open: [{ start: 480, end: 720 }] };
    expect(isOpen(col, 479)).toBe(false);
    expect(isOpen(col, 480)).toBe(true);
    expect(isOpen(col, 719)).toBe(true);
    expect(isOpen(col, 720)).toBe(false);
  });
});

describe('which staff and days get a column', () => {
  it('shows those who perform services, and anyone holding something', () => {
    const c = catalog();
    expect(shownStaff(c, new Set(), 0).map((s) => s.id)).toEqual([1, 2]);
    expect(shownStaff(c, new Set([3]), 0).map((s) => s.id)).toEqual([1, 2, 3]);
  });
  it('shows only the chosen person', () => {
    expect(shownStaff(catalog(), new Set(), 2).map((s) => s.id)).toEqual([2]);
  });
  it('shows everyone when nobody performs anything', () => {
    const c = catalog();
    c.staff = c.staff.map((s) => ({ ...s, service_ids: [] }));
    expect(shownStaff(c, new Set(), 0).map((s) => s.id)).toEqual([1, 2, 3]);
  });
  it("keeps the week's days the salon opens, and a closed day with a booking", () => {
    const c = catalog();
    const staff = shownStaff(c, new Set(), 0);
    expect(weekDays(c, MON, staff, 0, new Set())).toEqual(['2027-03-01', '2027-03-02', '2027-03-03', '2027-03-04', '2027-03-05', '2027-03-06']);
    expect(weekDays(c, MON, staff, 0, new Set([SUN]))).toHaveLength(7);
  });
  it("keeps one person's working days in their week", () => {
    const c = catalog();
    expect(weekDays(c, MON, [c.staff[0]], 1, new Set())).toEqual([MON, '2027-03-03']);
  });
  it('keeps every day when none is open', () => {
    const c = catalog();
    c.salon.opening_hours = [];
    c.staff = c.staff.map((s) => ({ ...s, hours: [] }));
    expect(weekDays(c, MON, c.staff, 0, new Set())).toHaveLength(7);
  });
});

describe('columns', () => {
  it('are one per staff member in the day view, named in full, with their colour and hours', () => {
    const c = catalog();
    const cols = buildColumns(c, 'day', MON, [MON], 'en', shownStaff(c, new Set(), 0), 0, new Set());
    expect(cols.map((x) => x.key)).toEqual([`s1-${MON}`, `s2-${MON}`]);
    expect(cols.map((x) => x.label)).toEqual(['Alice Martin', 'Bob Durand']);
    expect(cols[0]).toMatchObject({ staffId: 1, date: MON, color: '#112233', open: [{ start: 480, end: 720 }, { start: 780, end: 900 }] });
    expect(cols[1].color).toMatch(/^#[0-9a-f]{6}$/);
    expect(cols.every((x) => x.dayLabel === undefined && !x.groupStart)).toBe(true);
  });
  it('are staff lanes under each day in the week view: those who work that day or hold something on it', () => {
    const c = catalog();
    const staff = shownStaff(c, new Set(), 0);
    const cols = buildColumns(c, 'week', MON, [MON, TUE], 'en', staff, 0, new Set());
    // Alice does not work on Tuesday.
    expect(cols.map((x) => x.key)).toEqual([`s1-${MON}`, `s2-${MON}`, `s2-${TUE}`]);
    expect(cols.map((x) => x.label)).toEqual(['Alice', 'Bob', 'Bob']);
    expect(cols.map((x) => x.groupStart)).toEqual([true, false, true]);
    expect(cols[0].dayLabel).toMatch(/^Mon,? 1 Mar$/);
    // A booking of hers on Tuesday gives her a lane there.
    const busy = buildColumns(c, 'week', MON, [MON, TUE], 'en', staff, 0, new Set([`s1-${TUE}`]));
    expect(busy.map((x) => x.key)).toEqual([`s1-${MON}`, `s2-${MON}`, `s1-${TUE}`, `s2-${TUE}`]);
  });
  it("are one per day, named by the day, in one person's week", () => {
    const c = catalog();
    const cols = buildColumns(c, 'week', MON, [MON, '2027-03-03'], 'fr', [c.staff[0]], 1, new Set());
    expect(cols.map((x) => x.key)).toEqual([`s1-${MON}`, 's1-2027-03-03']);
    expect(cols[0].label).toBe('Lun. 1 mars');
    expect(cols[1].open).toEqual([{ start: 600, end: 1080 }]);
  });
  it("are the salon's resources in the resources view, open as the salon", () => {
    const c = catalog();
    const cols = buildColumns(c, 'resources', MON, [MON], 'en', [], 0, new Set());
    expect(cols).toEqual([
      { key: `r20-${MON}`, date: MON, resourceId: 20, label: 'Basin', open: [{ start: 540, end: 1140 }] },
      { key: `r21-${MON}`, date: MON, resourceId: 21, label: 'Room', open: [{ start: 540, end: 1140 }] },
    ]);
  });
  it('group under one day header per date', () => {
    const c = catalog();
    const cols = buildColumns(c, 'week', MON, [MON, TUE], 'en', shownStaff(c, new Set(), 0), 0, new Set());
    expect(dayGroups(cols).map((g) => [g.start, g.span, g.col.date])).toEqual([[0, 2, MON], [2, 1, TUE]]);
  });
});

describe('blocks', () => {
  const names = { 7: 'Zoé Petit' };
  it('join consecutive lines of the same column into one block', () => {
    const c = catalog();
    const a = appt(1, 7, [line(10, 1, at(MON, '09:00'), at(MON, '09:30')), line(11, 1, at(MON, '09:30'), at(MON, '10:30'), 20)]);
    const blocks = buildBlocks(c, 'day', [a], names, 'Online');
    expect(blocks).toEqual([{
      key: '1-0', appt: a, colKey: `s1-${MON}`, start: at(MON, '09:00'), end: at(MON, '10:30'),
      title: 'Zoé Petit', services: 'Cut, Colour', color: '#112233',
    }]);
  });
  it('split an appointment whose lines go to different staff', () => {
    const c = catalog();
    const a = appt(2, 7, [line(10, 1, at(MON, '09:00'), at(MON, '09:30')), line(10, 2, at(MON, '09:30'), at(MON, '10:00'))]);
    const blocks = buildBlocks(c, 'day', [a], names, 'Online');
    expect(blocks.map((b) => [b.key, b.colKey, b.services])).toEqual([['2-0', `s1-${MON}`, 'Cut'], ['2-1', `s2-${MON}`, 'Cut']]);
  });
  it('go by resource in the resources view, leaving out lines without one', () => {
    const c = catalog();
    const a = appt(3, 7, [line(10, 1, at(MON, '09:00'), at(MON, '09:30')), line(11, 1, at(MON, '09:30'), at(MON, '10:30'), 20)]);
    const blocks = buildBlocks(c, 'resources', [a], names, 'Online');
    expect(blocks.map((b) => [b.key, b.colKey, b.start, b.end])).toEqual([['3-1', `r20-${MON}`, at(MON, '09:30'), at(MON, '10:30')]]);
  });
  it('are titled by the client, "…" while the name loads, or the unlinked word', () => {
    const c = catalog();
    const l = [line(10, 1, at(MON, '09:00'), at(MON, '09:30'))];
    expect(buildBlocks(c, 'day', [appt(4, 8, l)], names, 'Online')[0].title).toBe('…');
    expect(buildBlocks(c, 'day', [appt(5, null, l)], names, 'Online')[0].title).toBe('Online');
  });
  it("take the appointment's times for lines that carry none", () => {
    const c = catalog();
    const a: Appointment = { id: 6, client_id: 7, status: 'approved', start: at(MON, '11:00'), end: at(MON, '11:30'), lines: [{ service_id: 10, staff_id: 2 }] };
    const [b] = buildBlocks(c, 'day', [a], names, 'Online');
    expect([b.colKey, b.start, b.end]).toEqual([`s2-${MON}`, at(MON, '11:00'), at(MON, '11:30')]);
  });
});

describe('overlapping blocks', () => {
  it('take the whole width when alone', () => {
    const lanes = blockLanes([block('a', '09:00', '10:00'), block('b', '10:00', '11:00')]);
    expect(lanes.get('a')).toEqual({ lane: 0, of: 1 });
    expect(lanes.get('b')).toEqual({ lane: 0, of: 1 });
  });
  it('share the width side by side when they overlap, whatever their order', () => {
    const lanes = blockLanes([block('late', '09:30', '10:30'), block('early', '09:00', '10:00')]);
    expect(lanes.get('early')).toEqual({ lane: 0, of: 2 });
    expect(lanes.get('late')).toEqual({ lane: 1, of: 2 });
  });
  it('reuse a lane freed earlier in the same cluster', () => {
    // a overlaps b, b overlaps c, a ends before c starts: two lanes for the three.
    const lanes = blockLanes([block('a', '09:00', '10:00'), block('b', '09:30', '11:00'), block('c', '10:00', '10:30')]);
    expect(lanes.get('a')).toEqual({ lane: 0, of: 2 });
    expect(lanes.get('b')).toEqual({ lane: 1, of: 2 });
    expect(lanes.get('c')).toEqual({ lane: 0, of: 2 });
  });
  it('start a new cluster once every earlier block has ended', () => {
    const lanes = blockLanes([block('a', '09:00', '10:00'), block('b', '09:00', '10:00'), block('c', '09:00', '10:00'), block('d', '10:00', '10:30')]);
    expect([...lanes.values()].map((l) => `${l.lane}/${l.of}`)).toEqual(['0/3', '1/3', '2/3', '0/1']);
  });
});

describe('where a block sits', () => {
  it('is its minutes from the top of the grid, and its lane across the column', () => {
    expect(blockBox(block('a', '10:00', '10:30'), { lane: 0, of: 1 }, 540)).toEqual({
      top: 60 * PX_PER_MIN, height: 30 * PX_PER_MIN - 2, leftPct: 0, widthPct: 100,
    });
    expect(blockBox(block('a', '10:00', '10:30'), { lane: 1, of: 4 }, 540)).toMatchObject({ leftPct: 25, widthPct: 25 });
  });
  it('keeps a very short block tall enough to click', () => {
    expect(blockBox(block('a', '10:00', '10:05'), { lane: 0, of: 1 }, 540).height).toBe(10 * PX_PER_MIN - 2);
  });
  it('ends at midnight for a block that runs into the next day', () => {
    expect(blockMinutes(block('a', '23:00', at(TUE, '01:00')))).toEqual([1380, 1440]);
  });
});

describe('the grid range', () => {
  it("spans the salon's widest hours and the columns' own, in whole hours", () => {
    const c = catalog();
    const cols = buildColumns(c, 'day', MON, [MON], 'en', shownStaff(c, new Set(), 0), 0, new Set());
    // Alice starts at 08:00, before the salon.
    expect(gridRange(c.salon.opening_hours, [MON], cols, [])).toEqual({ startMin: 480, endMin: 1140 });
  });
  it('stretches to the blocks drawn in a shown column, rounded out to the hour', () => {
    const cols: Column[] = [{ key: `s1-${MON}`, date: MON, label: '', open: [] }];
    const range = gridRange(salonHours, [MON], cols, [block('a', '07:15', '08:00'), block('b', '18:30', '19:20')]);
    expect(range).toEqual({ startMin: 420, endMin: 1200 });
    // A block in a column not shown does not count.
    expect(gridRange(salonHours, [MON], cols, [block('c', '06:00', '07:00', `s9-${MON}`)])).toEqual({ startMin: 540, endMin: 1140 });
  });
  it('reaches midnight for a block that runs into the next day', () => {
    const cols: Column[] = [{ key: `s1-${MON}`, date: MON, label: '', open: [] }];
    expect(gridRange(salonHours, [MON], cols, [block('a', '22:00', at(TUE, '01:00'))]).endMin).toBe(1440);
  });
  it('is 09:00–19:00 when nothing is open', () => {
    expect(gridRange([], [SUN], [{ key: `s1-${SUN}`, date: SUN, label: '', open: [] }], [])).toEqual({ startMin: 540, endMin: 1140 });
  });
});
