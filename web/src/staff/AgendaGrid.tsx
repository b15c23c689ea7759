// The time grid: one column per staff member (or resource, or staff lane × day in the week view), open
// slots that can be clicked, appointment blocks that can be clicked (edit), opened for quick statuses, or
// dragged (move).
//
// Layout: one CSS grid. Row 1 (and 2 in the week view) holds the headers; the body row holds the hour
// labels, ONE slot layer (role="grid", rows of gridcells, a single tab stop moved with the arrow keys as in
// the WAI-ARIA grid pattern) and, over it, one overlay per column with that column's absences, blocks and
// the current-time line. The overlays let clicks through to the slots except where something is drawn.
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../common/i18n';
import { fromMin, isoTime, toMin } from '../common/time';
import type { Appointment, TimeOff } from '../common/types';
import { AbsenceBlock, Block, Column, DropTarget, PX_PER_MIN, blockBox, blockLanes, dayGroups, isOpen } from './agendaLayout';

interface Props {
  columns: Column[];
  blocks: Block[];
  startMin: number;
  endMin: number;
  step: number;
  onSlotClick: (col: Column, time: string) => void;
  onBlockClick: (appt: Appointment) => void;
  /** The quick menu of a block (arrival, payment), opened from its ⋯ button or a right click. */
  onBlockMenu?: (appt: Appointment, anchor: HTMLElement) => void;
  onBlockDrop: (block: Block, target: DropTarget) => Promise<boolean>;
  /** Narrow lanes (the week view). */
  compact?: boolean;
  /** Wide day columns (one person's week). */
  wide?: boolean;
  absences?: AbsenceBlock[];
  onAbsenceClick?: (timeOff: TimeOff) => void;
  /** A staff column's header offers to record an absence for that person and day. */
  onColumnAbsence?: (col: Column) => void;
  /** The salon's current date and minute: a line is drawn across that day's columns. */
  now?: { date: string; min: number };
  label: string;
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
  const grouped = p.columns.some((c) => c.dayLabel);
  const headRows = grouped ? 2 : 1;
  const bodyRow = headRows + 1;

  // The one slot of the grid that is in the tab order (roving tabindex); arrow keys move it.
  const firstOpen = () => {
    const r = rows.findIndex((m) => p.columns[0] && isOpen(p.columns[0], m));
    return { r: Math.max(0, r), c: 0 };
  };
  const [active, setActive] = useState(firstOpen);
  const r0 = Math.min(active.r, rows.length - 1);
  const c0 = Math.min(active.c, p.columns.length - 1);
  useEffect(() => setActive(firstOpen()), [p.columns.map((c) => c.key).join(), p.startMin]);

  const onGridKey = (e: KeyboardEvent, r: number, c: number) => {
    const lastR = rows.length - 1;
    const lastC = p.columns.length - 1;
    let nr = r;
    let nc = c;
    switch (e.key) {
      case 'ArrowDown': nr = Math.min(lastR, r + 1); break;
      case 'ArrowUp': nr = Math.max(0, r - 1); break;
      case 'ArrowRight': nc = Math.min(lastC, c + 1); break;
      case 'ArrowLeft': nc = Math.max(0, c - 1); break;
      case 'PageDown': nr = Math.min(lastR, r + Math.round(60 / p.step)); break;
      case 'PageUp': nr = Math.max(0, r - Math.round(60 / p.step)); break;
      case 'Home': if (e.ctrlKey) nr = 0; nc = 0; break;
      case 'End': if (e.ctrlKey) nr = lastR; nc = lastC; break;
      case 'Enter':
      case ' ':
        e.preventDefault();
        p.onSlotClick(p.columns[c], fromMin(rows[r]));
        return;
      default:
        return;
    }
    e.preventDefault();
    // Every cell is rendered: focus the new one now (its onFocus makes it the grid's tab stop).
    gridRef.current?.querySelector<HTMLElement>(`[data-cell="${nr}-${nc}"]`)?.focus();
    setActive({ r: nr, c: nc });
  };

  /** The column under a point: the slot cell there names it (the overlays let the pointer through). */
  const colAt = (x: number, y: number): { col: Column; el: HTMLElement } | null => {
    for (const el of document.elementsFromPoint(x, y)) {
      const k = (el as HTMLElement).dataset?.colKey;
      if (k && (el as HTMLElement).classList.contains('slot')) {
        const col = p.columns.find((c) => c.key === k);
        const colEl = gridRef.current?.querySelector<HTMLElement>(`.agenda-col[data-col-key="${k}"]`);
        if (col && colEl) return { col, el: colEl };
      }
    }
    return null;
  };

  const onPointerDown = (e: PointerEvent, block: Block) => {
    if (e.button !== 0 || (e.target as HTMLElement).closest('.appt-menu')) return;
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
    const oldCol = gridRef.current?.querySelector<HTMLElement>(`.agenda-col[data-col-key="${d.block.colKey}"]`);
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
  const colWidth = p.compact ? '3.2rem' : p.wide ? 'min(8rem, 27vw)' : '9.5rem';
  const nowTop = p.now && p.now.min >= p.startMin && p.now.min < p.endMin ? (p.now.min - p.startMin) * PX_PER_MIN : null;
  return (
    <div class="agenda-scroll">
      <div
        class={'agenda-grid' + (p.compact ? ' compact' : '')}
        ref={gridRef}
        data-testid="agenda-grid"
        style={{
          gridTemplateColumns: `3.4rem repeat(${p.columns.length}, minmax(${colWidth}, 1fr))`,
          gridTemplateRows: `${grouped ? 'auto ' : ''}auto ${height}px`,
        }}
      >
        <div class="agenda-corner" style={{ gridRow: `1 / span ${headRows}`, gridColumn: 1 }} />
        {grouped &&
          dayGroups(p.columns).map((g) => (
            <div class="agenda-dayhead" style={{ gridRow: 1, gridColumn: `${g.start + 2} / span ${g.span}` }}
              data-testid={`dayhead-${g.col.date}`}>
              {g.col.dayLabel}
            </div>
          ))}
        {p.columns.map((col, i) => (
          <div class={'agenda-colhead' + (col.groupStart ? ' group-start' : '') + (grouped ? ' lane' : '')}
            style={{ gridRow: headRows, gridColumn: i + 2, ...(col.color ? { borderTopColor: col.color } : {}) }}
            data-testid={`col-${col.key}`}>
            <div class="colhead-line">
              {col.color && <i class="staff-dot" style={{ background: col.color }} aria-hidden="true" />}
              <strong title={col.label}>{col.label}</strong>
              {p.onColumnAbsence && col.staffId !== undefined && (
                <button type="button" class="link colhead-absence" data-testid={`col-absence-${col.staffId}-${col.date}`}
                  title={t('absence.addFor', { name: col.label })} aria-label={`${t('absence.addFor', { name: col.label })} ${col.date}`}
                  onClick={() => p.onColumnAbsence!(col)}>
                  +<i class="sw absence-sw" aria-hidden="true" />
                </button>
              )}
            </div>
          </div>
        ))}
        <div class="agenda-times" style={{ gridRow: bodyRow, gridColumn: 1 }}>
          {hourLabels.map((m) => (
            <div class={'agenda-time' + (m === p.startMin ? ' first' : '')} style={{ top: `${(m - p.startMin) * PX_PER_MIN}px` }}>
              {fromMin(m)}
            </div>
          ))}
        </div>
        <div class="slot-layer" role="grid" aria-label={p.label} data-testid="slot-grid"
          style={{ gridRow: bodyRow, gridColumn: `2 / span ${p.columns.length}`, gridTemplateRows: `repeat(${rows.length}, ${p.step * PX_PER_MIN}px)` }}>
          {rows.map((m, r) => (
            <div role="row" class="slot-row">
              {p.columns.map((col, c) => {
                const time = fromMin(m);
                const who = col.staffId !== undefined ? String(col.staffId) : `r${col.resourceId}`;
                const here = r === r0 && c === c0;
                return (
                  <div
                    role="gridcell"
                    tabIndex={here ? 0 : -1}
                    class={'slot' + (isOpen(col, m) ? '' : ' closed') + (m % 60 === 0 ? ' hour' : '') + (col.groupStart ? ' group-start' : '')}
                    style={{ gridRow: r + 1, gridColumn: c + 1 }}
                    data-cell={`${r}-${c}`}
                    data-col-key={col.key}
                    data-testid={`slot-${who}-${col.date}-${time}`}
                    aria-label={`${col.dayLabel ?? col.date} ${col.label} ${time}${isOpen(col, m) ? '' : ` (${t('agenda.closed')})`}`}
                    onClick={() => {
                      setActive({ r, c });
                      p.onSlotClick(col, time);
                    }}
                    onFocus={() => (r !== r0 || c !== c0) && setActive({ r, c })}
                    onKeyDown={(e) => onGridKey(e as KeyboardEvent, r, c)}
                  />
                );
              })}
            </div>
          ))}
        </div>
        {p.columns.map((col, i) => (
          <div class="agenda-col" data-col-key={col.key} style={{ gridRow: bodyRow, gridColumn: i + 2 }}>
            {nowTop !== null && p.now!.date === col.date && (
              <div class="now-line" style={{ top: `${nowTop}px` }} data-testid={i === 0 || p.columns[i - 1].date !== col.date ? 'now-line' : undefined} aria-hidden="true" />
            )}
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
              const lane = blockLanes(mine);
              return mine.map((b) => {
                const box = blockBox(b, lane.get(b.key) ?? { lane: 0, of: 1 }, p.startMin);
                const a = b.appt;
                const state = a.paid ? ' paid' : a.arrived ? ' arrived' : '';
                const label = `${isoTime(b.start)}–${isoTime(b.end)} ${b.title} · ${b.services}`;
                return (
                  <div
                    key={b.key}
                    class={`appt status-${a.status}` + (a.no_show ? ' no-show' : '') + state}
                    style={{
                      top: `${box.top}px`,
                      height: `${box.height}px`,
                      left: `calc(${box.leftPct}% + 2px)`,
                      width: `calc(${box.widthPct}% - 4px)`,
                      ...(b.color ? { '--staff': b.color } : {}),
                    }}
                    data-testid={`appt-${a.id}`}
                    data-appt-id={a.id}
                    data-start={b.start}
                    data-status={a.status}
                    data-arrived={a.arrived ? 'true' : 'false'}
                    data-paid={a.paid ? 'true' : 'false'}
                    title={label}
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
                    onContextMenu={(ev) => {
                      if (!p.onBlockMenu) return;
                      ev.preventDefault();
                      const menu = (ev.currentTarget as HTMLElement).querySelector<HTMLElement>('.appt-menu');
                      p.onBlockMenu(a, menu ?? (ev.currentTarget as HTMLElement));
                    }}
                  >
                    {/* The block's main button: keyboard users open the form with Enter (the pointer opens it on release). */}
                    <button type="button" class="appt-open" aria-label={label}
                      onClick={(ev) => (ev as MouseEvent).detail === 0 && p.onBlockClick(a)}>
                      <span class="appt-line1">
                        <span class="appt-time">{isoTime(b.start)}</span>
                        {a.arrived && !a.paid && <span class="mark arrived" data-testid="mark-arrived" title={t('appt.arrived')}>✓</span>}
                        {a.paid && <span class="mark paid" data-testid="mark-paid" title={t('appt.paid')}>€</span>}
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
                        <span class="appt-client">{b.title}</span>
                      </span>
                      <span class="appt-services">{b.services}</span>
                    </button>
                    {p.onBlockMenu && a.status !== 'cancelled' && (
                      <button type="button" class="appt-menu" aria-haspopup="dialog" data-testid={`appt-menu-${a.id}`}
                        aria-label={t('quick.open', { what: label })}
                        onClick={(ev) => p.onBlockMenu!(a, ev.currentTarget as HTMLElement)}>
                        ⋯
                      </button>
                    )}
                  </div>
                );
              });
            })()}
          </div>
        ))}
      </div>
    </div>
  );
}
