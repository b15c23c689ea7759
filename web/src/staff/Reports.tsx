// Reports dashboard (admins and managers): a range (this week, this month, last month, custom), one salon or all
// the caller sees, tiles of the summary, charts per day and per salon, the no-show rate, package sessions between
// salons, and the daily figures as CSV.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ChartConfiguration } from 'chart.js';
import { downloadBlob, errorText } from '../common/api';
import type { PackageUsage, ReportDay, ReportSummary, Salon } from '../common/types';
import { dailyCsv, getDaily, getPackageUsage, getSummary } from './api/reports';
import { getSettings, listSalons } from './api/settings';
import { t, useLang } from '../common/i18n';
import { fmtMoney, fmtShortDate, todayIn } from '../common/time';
import { type Preset, presetRange } from './reportRange';
import { ErrorBox, Field, val } from '../common/ui';
import { COLORS, ChartCanvas } from './ReportCharts';

const pct = (x: number, lang: string) =>
  new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'fr-FR', { style: 'percent', maximumFractionDigits: 1 }).format(x);
const hours = (minutes: number, lang: string) =>
  `${new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'fr-FR', { maximumFractionDigits: 1 }).format(minutes / 60)} h`;

function Tile(p: { label: string; value: string; hint?: string; testid: string }) {
  return (
    <div class="tile" data-testid={p.testid}>
      <span class="tile-label">{p.label}</span>
      <strong class="tile-value">{p.value}</strong>
      {p.hint && <span class="tile-hint muted">{p.hint}</span>}
    </div>
  );
}

export function Reports(props: { isAdmin: boolean }) {
  const lang = useLang();
  const today = todayIn();
  const [preset, setPreset] = useState<Preset>('week');
  const [range, setRange] = useState(presetRange('week', today));
  const [salonId, setSalonId] = useState<string>('');
  const [salons, setSalons] = useState<Pick<Salon, 'id' | 'name'>[]>([]);
  const [currency, setCurrency] = useState('EUR');
  const [summary, setSummary] = useState<ReportSummary | null>(null);
  const [days, setDays] = useState<ReportDay[]>([]);
  const [usage, setUsage] = useState<PackageUsage[] | null>(null);
  const [delimiter, setDelimiter] = useState<',' | ';' | 'tab'>(';');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    listSalons().then(setSalons, () => undefined);
    getSettings().then((s) => s?.currency && setCurrency(s.currency), () => undefined);
  }, []);

  useEffect(() => {
    let live = true;
    const query = { from: range.from, to: range.to, salon_id: salonId || undefined };
    setError(null);
    Promise.all([
      getSummary(query),
      getDaily(query),
      props.isAdmin
        ? getPackageUsage({ from: range.from, to: range.to })
        : Promise.resolve(null),
    ]).then(
      ([s, d, u]) => {
        if (!live) return;
        setSummary(s);
        setDays(d.items);
        setUsage(u ? u.items : null);
      },
      (e) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [range.from, range.to, salonId, props.isAdmin]);

  const choose = (p: Preset) => {
    setPreset(p);
    if (p !== 'custom') setRange(presetRange(p, today));
  };
  const salonName = (id: number | null) => salons.find((s) => s.id === id)?.name ?? (id === null ? '' : `#${id}`);
  const money = (cents: number) => fmtMoney(cents, currency, lang);
  const labels = useMemo(() => days.map((d) => fmtShortDate(d.date, lang)), [days, lang]);

  const dailyChart = useMemo<ChartConfiguration>(() => ({
    type: 'bar',
    data: {
      labels,
      datasets: [
        { type: 'bar', label: t('reports.revenue'), data: days.map((d) => d.revenue_cents / 100), backgroundColor: COLORS.money, yAxisID: 'money', order: 2 },
        { type: 'line', label: t('reports.occupancy'), data: days.map((d) => d.occupancy * 100), borderColor: COLORS.accent, backgroundColor: COLORS.accent, yAxisID: 'pct', order: 1 },
      ],
    },
    options: {
      scales: {
        money: { type: 'linear', position: 'left', beginAtZero: true, title: { display: true, text: currency } },
        pct: { type: 'linear', position: 'right', beginAtZero: true, grid: { drawOnChartArea: false }, title: { display: true, text: '%' } },
      },
    },
  }), [days, labels, lang, currency]);

  const noShowChart = useMemo<ChartConfiguration>(() => ({
    type: 'line',
    data: {
      labels,
      datasets: [{
        label: t('reports.noShowRate'),
        data: days.map((d) => (d.appointments ? Math.round((d.no_shows / d.appointments) * 1000) / 10 : 0)),
        borderColor: COLORS.danger,
        backgroundColor: COLORS.danger,
      }],
    },
    options: { scales: { y: { beginAtZero: true, suggestedMax: 10, title: { display: true, text: '%' } } } },
  }), [days, labels, lang]);

  const rows = summary?.salons ?? [];
  const salonsChart = useMemo<ChartConfiguration>(() => ({
    type: 'bar',
    data: {
      labels: rows.map((r) => salonName(r.salon_id)),
      datasets: [
        { label: t('reports.revenue'), data: rows.map((r) => r.revenue_cents / 100), backgroundColor: COLORS.money, yAxisID: 'money' },
        { label: t('reports.occupancy'), data: rows.map((r) => r.occupancy * 100), backgroundColor: COLORS.accentSoft, borderColor: COLORS.accent, borderWidth: 1, yAxisID: 'pct' },
      ],
    },
    options: {
      scales: {
        money: { type: 'linear', position: 'left', beginAtZero: true, title: { display: true, text: currency } },
        pct: { type: 'linear', position: 'right', beginAtZero: true, grid: { drawOnChartArea: false }, title: { display: true, text: '%' } },
      },
    },
  }), [summary, salons, lang, currency]);

  const download = async () => {
    try {
      const res = await dailyCsv({ from: range.from, to: range.to, salon_id: salonId || undefined, delimiter });
      await downloadBlob(res, `daily-${range.from}-${range.to}.csv`);
    } catch (e) {
      setError(errorText(e));
    }
  };

  const n = summary?.network;
  const noShowRate = n && n.appointments ? n.no_shows / n.appointments : 0;
  return (
    <div class="page reports" data-testid="reports-page">
      <div class="toolbar">
        <h1>{t('reports.title')}</h1>
      </div>
      <div class="card report-controls">
        <div class="seg" role="group" aria-label={t('reports.range')}>
          {(['week', 'month', 'lastMonth', 'custom'] as Preset[]).map((p) => (
            <button type="button" class={preset === p ? 'on' : ''} aria-pressed={preset === p} data-testid={`range-${p}`}
              onClick={() => choose(p)}>
              {t(`reports.${p}`)}
            </button>
          ))}
        </div>
        {preset === 'custom' && (
          <div class="row end">
            <Field label={t('reports.from')}>
              {(id) => <input id={id} type="date" value={range.from} data-testid="range-from" required
                onChange={(e) => val(e) && setRange({ ...range, from: val(e) })} />}
            </Field>
            <Field label={t('reports.to')}>
              {(id) => <input id={id} type="date" value={range.to} data-testid="range-to" required
                onChange={(e) => val(e) && setRange({ ...range, to: val(e) })} />}
            </Field>
          </div>
        )}
        <div class="row end">
          {salons.length > 1 && (
            <Field label={t('reports.salon')}>
              {(id) => (
                <select id={id} value={salonId} data-testid="report-salon" onChange={(e) => setSalonId(val(e))}>
                  <option value="">{t('reports.allSalons')}</option>
                  {salons.map((s) => <option value={String(s.id)}>{s.name}</option>)}
                </select>
              )}
            </Field>
          )}
          <Field label={t('export.delimiter')}>
            {(id) => (
              <select id={id} value={delimiter} data-testid="report-delimiter" onChange={(e) => setDelimiter(val(e) as typeof delimiter)}>
                <option value=",">{t('export.comma')} ( , )</option>
                <option value=";">{t('export.semicolon')} ( ; )</option>
                <option value="tab">{t('export.tab')}</option>
              </select>
            )}
          </Field>
          <button type="button" onClick={download} data-testid="report-csv">{t('reports.csv')}</button>
        </div>
        <p class="muted" data-testid="report-range">
          {fmtShortDate(range.from, lang)} – {fmtShortDate(range.to, lang)}
        </p>
      </div>
      <ErrorBox error={error} testid="report-error" />
      {n && (
        <div class="tiles" data-testid="report-tiles">
          <Tile testid="tile-appointments" label={t('reports.appointments')} value={String(n.appointments)}
            hint={t('reports.cancelledN', { n: n.cancelled })} />
          <Tile testid="tile-revenue" label={t('reports.revenue')} value={money(n.revenue_cents)} />
          <Tile testid="tile-occupancy" label={t('reports.occupancy')} value={pct(n.occupancy, lang)}
            hint={`${hours(n.booked_minutes, lang)} / ${hours(n.open_minutes, lang)}`} />
          <Tile testid="tile-no-shows" label={t('reports.noShows')} value={String(n.no_shows)} hint={pct(noShowRate, lang)} />
          <Tile testid="tile-online" label={t('reports.online')} value={pct(n.online_share, lang)} />
          <Tile testid="tile-new-clients" label={t('reports.newClients')} value={String(n.new_clients)} />
          <Tile testid="tile-waitlist" label={t('reports.waitlist')} value={String(n.waitlist_offers)}
            hint={t('reports.acceptedN', { n: n.waitlist_accepted })} />
        </div>
      )}
      {summary && (
        <div class="report-charts">
          <section class="card">
            <h2>{t('reports.perDay')}</h2>
            <ChartCanvas config={dailyChart} testid="chart-daily" label={t('reports.perDay')} />
          </section>
          <section class="card">
            <h2>{t('reports.noShowRate')}</h2>
            <ChartCanvas config={noShowChart} testid="chart-no-shows" label={t('reports.noShowRate')} />
          </section>
          {rows.length > 1 && (
            <section class="card wide">
              <h2>{t('reports.bySalon')}</h2>
              <ChartCanvas config={salonsChart} testid="chart-salons" label={t('reports.bySalon')} />
            </section>
          )}
        </div>
      )}
      {rows.length > 1 && (
        <section class="card" data-testid="report-salon-table">
          <h2>{t('reports.salonTable')}</h2>
          <div class="table-scroll" tabIndex={0} role="region" aria-label={t('reports.salonTable')}>
            <table class="table">
              <thead>
                <tr>
                  <th>{t('reports.salon')}</th><th>{t('reports.appointments')}</th><th>{t('reports.revenue')}</th>
                  <th>{t('reports.occupancy')}</th><th>{t('reports.noShows')}</th><th>{t('reports.online')}</th>
                  <th>{t('reports.newClients')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr>
                    <td>{salonName(r.salon_id)}</td><td>{r.appointments}</td><td>{money(r.revenue_cents)}</td>
                    <td>{pct(r.occupancy, lang)}</td><td>{r.no_shows}</td><td>{pct(r.online_share, lang)}</td>
                    <td>{r.new_clients}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
      {usage && (
        <section class="card" data-testid="report-packages">
          <h2>{t('reports.packages')}</h2>
          <p class="muted">{t('reports.packagesHelp')}</p>
          {usage.length === 0 ? (
            <p class="muted" data-testid="report-packages-none">{t('reports.packagesNone')}</p>
          ) : (
            <table class="table">
              <thead>
                <tr><th>{t('reports.soldAt')}</th><th>{t('reports.usedAt')}</th><th>{t('reports.sessions')}</th></tr>
              </thead>
              <tbody>
                {usage.map((u) => (
                  <tr class={u.sold_salon_id !== u.used_salon_id ? 'owed' : ''}>
                    <td>{salonName(u.sold_salon_id)}</td><td>{salonName(u.used_salon_id)}</td><td>{u.sessions}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </div>
  );
}
