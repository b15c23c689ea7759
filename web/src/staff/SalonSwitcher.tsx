// The salon switcher of the top bar: shown only when the caller sees more than one salon.
import { useEffect } from 'preact/hooks';
import { t, useLang } from '../common/i18n';
import { chooseSalon, currentSalonId, loadSalons, salonsLoaded, useSalons } from './salon';
import '../common/network.css';
import type { StaffMe } from '../common/types';

export function SalonSwitcher(p: { me: StaffMe | null }) {
  useLang();
  const [salons, current] = useSalons();
  // Who may see which salon depends on the logged-in staff member (their role and salon_ids).
  useEffect(() => {
    loadSalons(p.me).catch(() => undefined);
  }, [p.me?.id, p.me?.role, (p.me?.salon_ids ?? []).join(',')]);
  // One salon of a network: nothing to choose, but say which one this is.
  if (salons.length === 1 && currentSalonId() !== null)
    return <span class="salon-switcher salon-label" data-testid="salon-label">{salons[0].name}</span>;
  if (salons.length < 2 || current === null) return null;
  return (
    <label class="salon-switcher">
      <span class="sr-only">{t('net.salon')}</span>
      <select value={current} data-testid="salon-switcher" aria-label={t('net.salon')}
        onChange={(e) => chooseSalon(Number((e.currentTarget as HTMLSelectElement).value))}>
        {salons.map((s) => (
          <option value={s.id}>{s.city && !s.name.includes(s.city) ? `${s.name} · ${s.city}` : s.name}</option>
        ))}
      </select>
    </label>
  );
}

/**
 * A key for the page on the chosen salon, so every page reads the new salon's data from scratch; null until
 * the salons the caller may see are known (the page waits rather than show another salon's agenda).
 */
export function useSalonKey(): string | null {
  const [, current] = useSalons();
  return salonsLoaded() ? `salon-${current ?? 0}` : null;
}
