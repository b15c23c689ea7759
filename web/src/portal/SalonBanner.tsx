// The salon a booking page is for (/book/{slug}): its address, and a way back to the other salons.
import { t, useLang } from '../common/i18n';
import { Link } from './Link';
import { salonAddress, useNetworkSalons } from './salons';
import '../common/network.css';
import type { PublicSalon } from '../common/types';

export function SalonBanner(p: { salon: PublicSalon }) {
  useLang();
  const salons = useNetworkSalons();
  return (
    <p class="salon-banner" data-testid="salon-banner">
      <strong data-testid="salon-banner-name">{p.salon.name}</strong>
      <span class="muted small">{salonAddress(p.salon)}</span>
      {(salons?.length ?? 0) > 1 && (
        <Link href="/book" class="small" testid="change-salon">{t('pnet.changeSalon')}</Link>
      )}
    </p>
  );
}
