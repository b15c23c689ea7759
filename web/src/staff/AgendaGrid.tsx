// The time grid: one column per staff member (or resource, or staff × day in the week view), open slots
// that can be clicked, appointment blocks that can be clicked (edit) or dragged (move).
import { useRef } from 'preact/hooks';
import { t } from '../common/i18n';
import { fromMin, isoDate, isoTime, toMin } from '../common/time';
import type { Hours } from './catalog';

export const PX_PER_MIN = 1.4;

export interface Column {
  key: string;
  date: string;
  staffId?: number;
  resourceId?: number;
  label: string;
  sublabel?: string;
  /** Open intervals for that column (minutes from midnight); outside them the grid is shaded. */
  open: { start: number; end: number }[];
  groupStart?: boolean;
}

export interface Block {
  key: string;
  appt: any;
  colKey: string;
  start: string;
  end: string;
  title: string;
  services: string;
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
  timeOff: any;
}

export interface DropTarget {
  col: Column;
  time: string;
}

interface Props {
  columns: Column[];
  blocks: Block[];
  startMin: number;
  endMin: number;
  step: number;
  onSlotClick: (col: Column, time: string) => void;
  onBlockClick: (appt: any) => void;
  onBlockDrop: (block: Block, target: DropTarget) => Promise<boolean>;
  compact?: boolean;
  absences?: AbsenceBlock[];
  onAbsenceClick?: (timeOff: any) => void;
  /** A staff column's header offers to record an absence for that person and day. */
  onColumnAbsence?: (col: Column) => void;
}

export function openIntervals(hours: Hours[] | undefined, wd: number) {
  return (hours ?? [])
    .filter((h) => h.weekday === wd)
    .map((h) => ({ start: toMin(h.start), end: toMin(h.end) }));
}

const isOpen = (col: Column, m: number) => col.open.some((o) => m >= o.start && m < o.end);

const blockMinutes = (b: Block): [number, number] => [
  toMin(isoTime(b.start)),
  isoDate(b.end) > isoDate(b.start) ? 24 * 60 : toMin(isoTime(b.end)),
];

/** Side-by-side lanes for blocks that overlap in one column (group services, or double bookings). */
function lanes(blocks: Block[]): Map<string, { lane: number; of: number }> {
  const out = new Map<string, { lane: number; of: number }>();
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

export function AgendaGrid(p: Props) {
  const gridRef = useRef<HTMLDivElement>(null);
  const drag = useRef<{
    el: HTMLElement;
    block: Block;
    x0: number;
    y0: number;
    grabY: number;
    moved: boolean;
    pointerId: number;
  } | null>(null);
  const height = (p.endMin - p.startMin) * PX_PER_MIN;
  const rows: number[] = [];
  for (let m = p.startMin; m < p.endMin; m += p.step) rows.push(m);

  const colAt = (x: number, y: number): { col: Column; el: HTMLElement } | null => {
    for (const el of document.elementsFromPoint(x, y)) {
      const k = (el as HTMLElement).dataset?.colKey;
      if (k && (el as HTMLElement).classList.contains('agenda-col')) {
        const col = p.columns.find((c) => c.key === k);
        if (col) return { col, el: el as HTMLElement };
      }
    }
    return null;
  };

  const onPointerDown = (e: PointerEvent, block: Block) => {
    if (e.button !== 0) return;
    const el = e.currentTarget as HTMLElement;
    const rect = el.getBoundingClientRect();
    drag.current = { el, block, x0: e.clientX, y0: e.clientY, grabY: e.clientY - rect.top, moved: false, pointerId: e.pointerId };
    try {
      el.setPointerCapture(e.pointerId);
    } catch {
      /* synthetic events */
    }
  };
  const onPointerMove = (e: PointerEvent) => {
    const d = drag.current;
    if (!d) return;
    const dx = e.clientX - d.x0;
    const dy = e.clientY - d.y0;
    if (!d.moved && Math.abs(dx) + Math.abs(dy) < 5) return;
    d.moved = true;
    d.el.classList.add('dragging');
    d.el.style.transform = `translate(${dx}px, ${dy}px)`;
  };
  const onPointerUp = async (e: PointerEvent) => {
    const d = drag.current;
    drag.current = null;
    if (!d) return;
    try {
      d.el.releasePointerCapture(d.pointerId);
    } catch {
      /* ignore */
    }
    if (!d.moved) {
      d.el.classList.remove('dragging');
      p.onBlockClick(d.block.appt);
      return;
    }
    d.el.style.pointerEvents = 'none';
    const hit = colAt(e.clientX, e.clientY);
    const reset = () => {
      d.el.classList.remove('dragging');
      d.el.style.transform = '';
      d.el.style.pointerEvents = '';
    };
    if (!hit) return reset();
    const top = e.clientY - d.grabY - hit.el.getBoundingClientRect().top;
    const mins = p.startMin + Math.round(top / PX_PER_MIN / p.step) * p.step;
    const time = fromMin(Math.max(p.startMin, Math.min(p.endMin - p.step, mins)));
    // Show it where it was dropped while the server decides.
    const oldCol = gridRef.current?.querySelector<HTMLElement>(`[data-col-key="${d.block.colKey}"]`);
    if (oldCol) {
      const dx = hit.el.getBoundingClientRect().left - oldCol.getBoundingClientRect().left;
      const dy = (toMin(time) - toMin(isoTime(d.block.start))) * PX_PER_MIN;
      d.el.style.transform = `translate(${dx}px, ${dy}px)`;
    }
    const ok = await p.onBlockDrop(d.block, { col: hit.col, time });
    reset();
    if (!ok) d.el.classList.add('snapped-back');
  };

  const hourLabels = rows.filter((m) => m % 60 === 0);
  return (
    <div class="agenda-scroll">
      <div class={'agenda-grid' + (p.compact ? ' compact' : '')} ref={gridRef} data-testid="agenda-grid">
        <div class="agenda-times">
          <div class="agenda-colhead" />
          <div class="agenda-times-body" style={{ height: `${height}px` }}>
            {hourLabels.map((m) => (
              <div class={'agenda-time' + (m === p.startMin ? ' first' : '')} style={{ top: `${(m - p.startMin) * PX_PER_MIN}px` }}>
                {fromMin(m)}
              </div>
            ))}
          </div>
        </div>
        {p.columns.map((col) => (
          <div class={'agenda-colwrap' + (col.groupStart ? ' group-start' : '')}>
            <div class="agenda-colhead" data-testid={`col-${col.key}`}>
              <div class="colhead-line">
                <strong>{col.label}</strong>
                {p.onColumnAbsence && col.staffId !== undefined && (
                  <button type="button" class="link colhead-absence" data-testid={`col-absence-${col.staffId}-${col.date}`}
                    title={t('absence.addFor', { name: col.label })} aria-label={t('absence.addFor', { name: col.label })}
                    onClick={() => p.onColumnAbsence!(col)}>
                    +<i class="sw absence-sw" aria-hidden="true" />
                  </button>
                )}
              </div>
              {col.sublabel && <span class="muted">{col.sublabel}</span>}
            </div>
            <div class="agenda-col" data-col-key={col.key} style={{ height: `${height}px` }}>
              {rows.map((m) => {
                const time = fromMin(m);
                const who = col.staffId !== undefined ? String(col.staffId) : `r${col.resourceId}`;
                return (
                  <button
                    type="button"
                    class={'slot' + (isOpen(col, m) ? '' : ' closed') + (m % 60 === 0 ? ' hour' : '')}
                    style={{ top: `${(m - p.startMin) * PX_PER_MIN}px`, height: `${p.step * PX_PER_MIN}px` }}
                    data-testid={`slot-${who}-${col.date}-${time}`}
                    aria-label={`${col.label} ${col.date} ${time}`}
                    title={`${col.label} ${time}`}
                    onClick={() => p.onSlotClick(col, time)}
                  />
                );
              })}
              {(p.absences ?? [])
                .filter((x) => x.colKey === col.key)
                .map((x) => {
                  // Drawn over the open slots it covers (so they cannot be clicked), clipped to the grid.
                  const s = Math.max(x.startMin, p.startMin);
                  const e = Math.min(x.endMin, p.endMin);
                  if (e <= s) return null;
                  const text = `${x.label} · ${x.when}`;
                  return (
                    <div
                      key={x.key}
                      class="absence"
                      style={{ top: `${(s - p.startMin) * PX_PER_MIN}px`, height: `${(e - s) * PX_PER_MIN - 1}px` }}
                      data-testid={`absence-${x.timeOff.id}`}
                      data-time-off-id={x.timeOff.id}
                      role="button"
                      tabIndex={0}
                      title={`${t('absence.title')}: ${text}`}
                      aria-label={`${t('absence.title')} ${col.label}: ${text}`}
                      onClick={() => p.onAbsenceClick?.(x.timeOff)}
                      onKeyDown={(ev) => (ev.key === 'Enter' || ev.key === ' ') && p.onAbsenceClick?.(x.timeOff)}
                    >
                      <span class="absence-label">
                        {x.label}
                        <span class="absence-time">{x.when}</span>
                      </span>
                    </div>
                  );
                })}
              {(() => {
                const mine = p.blocks.filter((b) => b.colKey === col.key);
                const lane = lanes(mine);
                return mine.map((b) => {
                  const [s, e] = blockMinutes(b);
                  const l = lane.get(b.key) ?? { lane: 0, of: 1 };
                  const a = b.appt;
                  return (
                    <div
                      key={b.key}
                      class={`appt status-${a.status}` + (a.no_show ? ' no-show' : '')}
                      style={{
                        top: `${(s - p.startMin) * PX_PER_MIN}px`,
                        height: `${Math.max(e - s, 10) * PX_PER_MIN - 2}px`,
                        left: `calc(${(100 * l.lane) / l.of}% + 3px)`,
                        width: `calc(${100 / l.of}% - 6px)`,
                        right: 'auto',
                      }}
                      data-testid={`appt-${a.id}`}
                      data-appt-id={a.id}
                      data-start={b.start}
                      data-status={a.status}
                      role="button"
                      tabIndex={0}
                      title={`${isoTime(b.start)}–${isoTime(b.end)} ${b.title} · ${b.services}`}
                      onPointerDown={(ev) => onPointerDown(ev as PointerEvent, b)}
                      onPointerMove={(ev) => onPointerMove(ev as PointerEvent)}
                      onPointerUp={(ev) => onPointerUp(ev as PointerEvent)}
                      onPointerCancel={() => {
                        const d = drag.current;
                        drag.current = null;
                        if (d) {
                          d.el.style.transform = '';
                          d.el.classList.remove('dragging');
                        }
                      }}
                      onKeyDown={(ev) => (ev.key === 'Enter' || ev.key === ' ') && p.onBlockClick(a)}
                    >
                      <div class="appt-line1">
                        <span class="appt-time">{isoTime(b.start)}</span>
                        {a.requested_staff && (
                          <span class="mark star" data-testid="mark-requested" title={t('agenda.requestedStaff')}>
                            ★
                          </span>
                        )}
                        {a.no_show && (
                          <span class="mark noshow" data-testid="mark-noshow" title={t('agenda.noShow')}>
                            {t('agenda.noShowShort')}
                          </span>
                        )}
                        {a.notify_earlier_slot && (
                          <span class="mark earlier" data-testid="mark-earlier" title={t('agenda.earlierWanted')}>
                            ↑
                          </span>
                        )}
                      </div>
                      <div class="appt-client">{b.title}</div>
                      <div class="appt-services">{b.services}</div>
                    </div>
                  );
                });
              })()}
            </div>
          </div>
        ))}
      </div>
    </div>
  );
}
