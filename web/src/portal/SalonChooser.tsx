// /book in a network of several salons: the client ticks what they want, sees each salon's first free slot
// for it (GET /api/portal/next_slots), and goes on to that salon's booking page (/book/{slug}), with the
// services ticked and, when they tapped it, that first slot already chosen.
import { useEffect, useState } from 'preact/hooks';
import { errorText } from '../common/api';
import type { NextSlot, Service, Slot } from '../common/types';
import { nextSlots } from './api/catalogue';
import { t, useLang } from '../common/i18n';
import { fmtDate, isoDate, isoTime, todayIn } from '../common/time';
import { ErrorBox, Field, val } from '../common/ui';
import { carryChoice, networkServices, salonAddress, type PortalSalon } from './salons';
import { navigate } from './session';
import '../common/network.css';

const AUDIENCES = ['', 'adult', 'teen', 'child'];

export function SalonChooser(p: { salons: PortalSalon[] }) {
  const lang = useLang();
  const [audience, setAudience] = useState('');
  const [services, setServices] = useState<Service[]>([]);
  const [chosen, setChosen] = useState<number[]>([]);
  const [next, setNext] = useState<Map<number, NextSlot> | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    networkServices(p.salons, audience).then(setServices, (e) => setError(errorText(e)));
  }, [audience]);
  // Each salon's first free slot for the services ticked (none ticked: no comparison to make).
  useEffect(() => {
    setNext(null);
    if (!chosen.length) return;
    let live = true;
    nextSlots(chosen, todayIn())
      .then((items) => live && setNext(new Map(items.map((x) => [x.salon_id, x]))))
      .catch((e) => live && (setError(errorText(e)), setNext(new Map())));
    return () => {
      live = false;
    };
  }, [chosen.join(',')]);

  const toggle = (id: number, on: boolean) => {
    if (on && chosen.length >= 5) return setError(t('portal.max5'));
    setError(null);
    setChosen(on ? [...chosen, id] : chosen.filter((x) => x !== id));
  };
  const go = (s: PortalSalon, slot?: Slot) => {
    carryChoice({ salonId: s.id, serviceIds: chosen, audience, slot });
    navigate(`/book/${s.slug}`);
  };

  // Soonest first once slots are known; salons without a slot, then those not offering it, last.
  const rank = (s: PortalSalon) => {
    if (!next) return '';
    const n = next.get(s.id);
    return n ? (n.first_slot ? `0${n.first_slot.start}` : '1') : '2';
  };
  const ordered = [...p.salons].sort((a, b) => (rank(a) < rank(b) ? -1 : rank(a) > rank(b) ? 1 : 0));

  return (
    <div class="booking salon-chooser" data-testid="salon-chooser">
      <h1>{t('portal.bookTitle')}</h1>
      <section class="card step">
        <h2><span class="num">1</span> {t('portal.services')}</h2>
        <p class="muted small">{t('pnet.servicesHint')}</p>
        <Field label={t('svc.audience')}>
          {(id) => (
            <select id={id} value={audience} data-testid="chooser-audience" onChange={(e) => setAudience(val(e))}>
              {AUDIENCES.map((a) => <option value={a}>{a ? t(`aud.${a}`) : t('aud.everyone')}</option>)}
            </select>
          )}
        </Field>
        <ul class="service-list">
          {services.map((s) => (
            <li>
              <label class="choice service">
                <input type="checkbox" checked={chosen.includes(s.id)} data-testid={`chooser-service-${s.id}`}
                  onChange={(e) => toggle(s.id, (e.currentTarget as HTMLInputElement).checked)} />
                <span class="grow">
                  <strong>{s.name}</strong>
                  {s.package_only && <span class="badge">{t('portal.inPackage')}</span>}
                  <br />
                  {/* Prices may differ from one salon to another: the salon's page shows its own. */}
                  <span class="muted small">{s.duration_minutes} min</span>
                </span>
              </label>
            </li>
          ))}
          {!services.length && <li class="muted">{t('portal.noServices')}</li>}
        </ul>
        {chosen.length > 0 && (
          // On a phone the salons are far below a long list: one tap takes the client there.
          <button type="button" class="primary block chooser-jump" data-testid="chooser-to-salons"
            onClick={() => document.getElementById('chooser-salons')?.scrollIntoView({ behavior: 'smooth', block: 'start' })}>
            {t('pnet.seeSalons')} ↓
          </button>
        )}
      </section>
      <section class="card step" id="chooser-salons">
        <h2><span class="num">2</span> {t('pnet.whichSalon')}</h2>
        <ErrorBox error={error} testid="chooser-error" />
        {chosen.length > 0 && next === null && <p class="muted">{t('pnet.searching')}</p>}
        <ul class="salon-cards">
          {ordered.map((s) => {
            const n = next?.get(s.id);
            const slot = n?.first_slot;
            const offers = !next || !!n;
            return (
              <li class={'salon-card' + (offers ? '' : ' off')} data-testid={`salon-card-${s.slug}`}>
                <div class="salon-card-head">
                  <strong class="salon-card-name">{s.name}</strong>
                  <span class="muted small">{salonAddress(s)}</span>
                  {s.phone && <a class="small" href={`tel:${s.phone}`}>{s.phone}</a>}
                </div>
                {next && chosen.length > 0 && (
                  <div class="salon-card-next" data-testid={`salon-next-${s.slug}`}>
                    {!offers ? (
                      <span class="muted small">{t('pnet.notOffered')}</span>
                    ) : slot ? (
                      <button type="button" class="slot-first" data-testid={`salon-first-${s.slug}`} onClick={() => go(s, slot)}>
                        <span class="small">{t('pnet.firstSlot')}</span>
                        <strong>{fmtDate(isoDate(slot.start), lang, { year: undefined })} · {isoTime(slot.start)}</strong>
                      </button>
                    ) : (
                      <span class="muted small">{t('pnet.noSlot')}</span>
                    )}
                  </div>
                )}
                <button type="button" class={offers ? 'primary' : ''} disabled={!offers} data-testid={`salon-choose-${s.slug}`}
                  onClick={() => go(s)}>
                  {t('pnet.chooseSalon')}
                </button>
              </li>
            );
          })}
        </ul>
      </section>
    </div>
  );
}
