// Which booking page /book shows: a single salon books as it always did; a network of several salons first
// lets the client choose one (SalonChooser); /book/{slug} books straight at that salon.
import { t, useLang } from '../common/i18n';
import { Booking } from './Booking';
import { Link } from './Link';
import { SalonChooser } from './SalonChooser';
import { useNetworkSalons } from './salons';
import type { PublicSalon } from '../common/types';

export function NetworkBooking(p: { slug?: string; salon?: PublicSalon | null }) {
  useLang();
  const salons = useNetworkSalons();
  if (p.slug) {
    if (p.salon === undefined) return <p class="muted">{t('common.loading')}</p>;
    if (p.salon === null)
      return (
        <section class="card" data-testid="salon-unknown">
          <p>{t('pnet.unknownSalon', { slug: p.slug })}</p>
          <Link href="/book" class="button primary">{t('pnet.allSalons')}</Link>
        </section>
      );
    return <Booking key={p.salon.id} atSalon={p.salon} />;
  }
  if (salons === null) return <p class="muted">{t('common.loading')}</p>;
  if (salons.length > 1) return <SalonChooser salons={salons} />;
  return <Booking />;
}
