// Settings (admin): salon, booking rules, reminders, birthdays, waitlist; staff, services, resources, packages.
import { useEffect, useState } from 'preact/hooks';
import { errorText } from '../common/api';
import type { BookingRules, Channel, PackageType, Service, Settings as SettingsT, Staff, WaitlistMode, WaitlistSettings } from '../common/types';
import { getSettings, patchSettings } from './api/settings';
import { t, tv, useLang } from '../common/i18n';
import { fmtMoney } from '../common/time';
import { Check, ErrorBox, Field, Notice, fullName, val } from '../common/ui';
import { getMe, loadCatalog, nextStaffColor, resourceName, serviceName, staffColor, useCatalog } from './catalog';
import { Crud, type FieldSpec } from './Crud';
import { HoursEditor } from './HoursEditor';
import { currentSalonId, salonNameOf, visibleSalons } from './salon';
import { hoursBySalon, staffSalonFields } from './SalonHours';
import { OverrideDialog, SalonServiceCell, useNetworkResources, useSalonServices } from './ServiceOverrides';
import { NetworkSettings } from './NetworkSettings';

type Tab = 'general' | 'staff' | 'services' | 'resources' | 'package_types';

export function Settings() {
  useLang();
  const [tab, setTab] = useState<Tab>('general');
  return (
    <div class="page">
      <div class="toolbar">
        <h1>{t('settings.title')}</h1>
        <div class="seg" role="tablist">
          {(['general', 'staff', 'services', 'resources', 'package_types'] as Tab[]).map((x) => (
            <button type="button" role="tab" aria-selected={tab === x} class={tab === x ? 'on' : ''}
              data-testid={`settings-tab-${x}`} onClick={() => setTab(x)}>
              {t(`settings.tab.${x}`)}
            </button>
          ))}
        </div>
      </div>
      {tab === 'general' && <><General />{getMe()?.role !== 'manager' && <NetworkSettings />}</>}
      {tab === 'staff' && <StaffAdmin />}
      {tab === 'services' && <ServicesAdmin />}
      {tab === 'resources' && (
        <Crud name="resources" defaults={{ name: '' }} fields={[{ key: 'name', label: t('common.name'), type: 'text', required: true }]}
          columns={[{ label: t('common.name'), render: (x) => x.name }]} />
      )}
      {tab === 'package_types' && <PackageTypesAdmin />}
    </div>
  );
}

function General() {
  const [s, setS] = useState<SettingsT | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    getSettings().then(setS, (e) => setError(errorText(e)));
  }, []);
  if (!s) return <ErrorBox error={error} />;
  const set = (patch: Partial<SettingsT>) => setS({ ...s, ...patch });
  const setB = (k: keyof BookingRules, v: number) => set({ booking: { ...s.booking, [k]: v } });
  const w: WaitlistSettings = s.waitlist ?? { mode: 'off', max_notified: 0, channels: [], message: '' };
  const setW = (patch: Partial<WaitlistSettings>) => set({ waitlist: { ...w, ...patch } });
  const save = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setNotice(null);
    try {
      const body = {
        name: s.name, timezone: s.timezone, currency: s.currency,
        preferred_staff_selection: !!s.preferred_staff_selection,
        opening_hours: s.opening_hours ?? [],
        booking: s.booking,
        reminder_hours: Number(s.reminder_hours),
        birthday_messages: !!s.birthday_messages,
        waitlist: { ...w, max_notified: Number(w.max_notified) || 0 },
      };
      setS(await patchSettings(body));
      setNotice(t('common.saved'));
      loadCatalog(true);
    } catch (err) {
      setError(errorText(err));
    }
  };
  const numIn = (label: string, value: number | undefined, on: (v: number) => void, tid: string) => (
    <Field label={label}>
      {(id) => <input id={id} type="number" min={0} value={value ?? 0} data-testid={tid} onInput={(e) => on(Number(val(e)))} />}
    </Field>
  );
  const b = s.booking ?? {};
  return (
    <form class="settings-form" onSubmit={save} data-testid="settings-general">
      <section class="card">
        <h2>{t('settings.salon')}</h2>
        <div class="row">
          <Field label={t('common.name')}>{(id) => <input id={id} value={s.name ?? ''} onInput={(e) => set({ name: val(e) })} />}</Field>
          <Field label={t('settings.timezone')}>{(id) => <input id={id} value={s.timezone ?? ''} onInput={(e) => set({ timezone: val(e) })} />}</Field>
          <Field label={t('settings.currency')}>{(id) => <input id={id} value={s.currency ?? ''} onInput={(e) => set({ currency: val(e) })} />}</Field>
        </div>
        <Check label={t('settings.preferredStaff')} checked={!!s.preferred_staff_selection}
          onChange={(x) => set({ preferred_staff_selection: x })} testid="settings-preferred-staff" />
        <h3>{t('settings.openingHours')}</h3>
        <HoursEditor value={s.opening_hours ?? []} onChange={(x) => set({ opening_hours: x })} testid="settings-hours" />
      </section>
      <section class="card">
        <h2>{t('settings.booking')}</h2>
        <div class="row">
          {numIn(t('settings.slotStep'), b.slot_step_minutes, (v) => setB('slot_step_minutes', v), 'settings-slot-step')}
          {numIn(t('settings.minNotice'), b.min_notice_minutes, (v) => setB('min_notice_minutes', v), 'settings-min-notice')}
          {numIn(t('settings.maxAdvance'), b.max_advance_days, (v) => setB('max_advance_days', v), 'settings-max-advance')}
          {numIn(t('settings.cancelNotice'), b.cancel_notice_minutes, (v) => setB('cancel_notice_minutes', v), 'settings-cancel-notice')}
        </div>
      </section>
      <section class="card">
        <h2>{t('settings.messages')}</h2>
        <div class="row">
          {numIn(t('settings.reminderHours'), s.reminder_hours, (v) => set({ reminder_hours: v }), 'settings-reminder-hours')}
        </div>
        <Check label={t('settings.birthday')} checked={!!s.birthday_messages} onChange={(x) => set({ birthday_messages: x })} testid="settings-birthday" />
      </section>
      <section class="card">
        <h2>{t('settings.waitlist')}</h2>
        <div class="row">
          <Field label={t('settings.waitlistMode')}>
            {(id) => (
              <select id={id} value={w.mode} data-testid="settings-waitlist-mode" onChange={(e) => setW({ mode: val(e) as WaitlistMode })}>
                {['off', 'manual', 'automatic'].map((m) => <option value={m}>{t(`waitlist.${m}`)}</option>)}
              </select>
            )}
          </Field>
          {numIn(t('settings.maxNotified'), w.max_notified, (v) => setW({ max_notified: v }), 'settings-max-notified')}
        </div>
        <fieldset class="multi">
          <legend>{t('settings.channels')}</legend>
          {(['email', 'sms'] as Channel[]).map((c) => (
            <Check label={t(`channel.${c}`)} checked={(w.channels ?? []).includes(c)} testid={`settings-channel-${c}`}
              onChange={(on) => setW({ channels: on ? [...(w.channels ?? []), c] : (w.channels ?? []).filter((x) => x !== c) })} />
          ))}
        </fieldset>
        <Field label={t('settings.waitlistMessage')}>
          {(id) => <textarea id={id} rows={3} value={w.message ?? ''} data-testid="settings-waitlist-message" onInput={(e) => setW({ message: val(e) })} />}
        </Field>
      </section>
      <ErrorBox error={error} />
      <Notice text={notice} testid="settings-saved" />
      <div class="actions"><button type="submit" class="primary" data-testid="settings-save">{t('common.save')}</button></div>
    </form>
  );
}

function StaffAdmin() {
  const cat = useCatalog();
  const salons = visibleSalons();
  const net = currentSalonId() !== null;
  const svc = () => (cat?.services ?? []).map((s) => ({ value: s.id, label: s.name }));
  return (
    <Crud
      name="staff"
      defaults={{ first_name: '', last_name: '', email: '', phone: '', role: 'employee', password: '', service_ids: [], hours: [], color: nextStaffColor(cat), ...(net ? { salon_ids: [currentSalonId()] } : {}) }}
      fields={[
        { key: 'first_name', label: t('client.firstName'), type: 'text', required: true },
        { key: 'last_name', label: t('client.lastName'), type: 'text' },
        { key: 'email', label: t('client.email'), type: 'email', required: true },
        { key: 'phone', label: t('client.phone'), type: 'text' },
        { key: 'color', label: t('staff.color'), type: 'color' },
        { key: 'role', label: t('staff.role'), type: 'select', options: [
          { value: 'employee', label: t('role.employee') }, ...(salons.length ? [{ value: 'manager', label: t('role.manager') }] : []),
          { value: 'admin', label: t('role.admin') }] },
        { key: 'password', label: t('login.password'), type: 'password', required: true },
        { key: 'service_ids', label: t('staff.services'), type: 'multi', options: svc },
        ...(net ? staffSalonFields(salons) : [{ key: 'hours', label: t('staff.hours'), type: 'hours' } as const]),
      ]}
      columns={[
        { label: t('common.name'), render: (x) => (
          <span class="staff-name"><i class="staff-dot" style={{ background: staffColor(cat, x.id) }} aria-hidden="true" />{fullName(x)}</span>
        ) },
        { label: t('client.email'), render: (x) => x.email },
        { label: t('staff.role'), render: (x) => tv('role', x.role) },
        { label: t('staff.services'), render: (x) => (cat ? (x.service_ids ?? []).map((id: number) => serviceName(cat, id)).join(', ') : '') },
        ...(net ? [{ label: t('net.salonsAndHours'), render: (x: Staff) => <span class="staff-salon-hours">{x.hours?.length ? hoursBySalon(x.hours, salons).map((l) => <div>{l}</div>) : (x.salon_ids ?? []).map(salonNameOf).join(', ')}</span> }] : []),
      ]}
    />
  );
}

function ServicesAdmin() {
  const cat = useCatalog();
  const lang = useLang();
  const audiences = ['all', 'adult', 'teen', 'child'].map((a) => ({ value: a, label: t(`aud.${a}`) }));
  // In a network: network values here, the chosen salon's overrides beside them; only admins edit the catalogue.
  const salonId = currentSalonId();
  const net = salonId !== null;
  const [here, reloadHere] = useSalonServices(salonId);
  const netResources = useNetworkResources(net);
  const [override, setOverride] = useState<Service | null>(null);
  const ofNetwork = (label: string) => (net ? t('net.ofNetwork', { label }) : label);
  return (
    <>
    <Crud
      readOnly={net && getMe()?.role !== 'admin'}
      name="services"
      defaults={{ name: '', category: '', audience: 'all', duration_minutes: 30, price_cents: 0, resource_ids: [], capacity: 1, package_only: false, discovery: false, questionnaire: [] }}
      fields={[
        { key: 'name', label: t('common.name'), type: 'text', required: true },
        { key: 'category', label: t('svc.category'), type: 'text' },
        { key: 'audience', label: t('svc.audience'), type: 'select', options: audiences },
        { key: 'duration_minutes', label: t('appt.duration'), type: 'number', required: true },
        { key: 'price_cents', label: t('appt.price'), type: 'money' },
        { key: 'capacity', label: t('svc.capacity'), type: 'number' },
        { key: 'resource_ids', label: t('svc.resources'), type: 'multi', options: () => (net ? netResources : (cat?.resources ?? []).map((r) => ({ value: r.id, label: r.name }))) },
        { key: 'package_only', label: t('svc.packageOnly'), type: 'bool' },
        { key: 'discovery', label: t('svc.discovery'), type: 'bool' },
        { key: 'questionnaire', label: t('svc.questionnaire'), type: 'questionnaire' },
      ]}
      columns={[
        { label: t('common.name'), render: (x) => x.name },
        { label: t('svc.audience'), render: (x) => tv('aud', x.audience ?? 'all') },
        { label: ofNetwork(t('appt.duration')), render: (x) => `${x.duration_minutes} min` },
        { label: ofNetwork(t('appt.price')), render: (x) => fmtMoney(x.price_cents, cat?.salon.currency, lang) },
        ...(net ? [{ label: t('net.atSalon', { salon: salonNameOf(salonId) }), render: (x: Service) => (
          <SalonServiceCell network={x} here={here.get(x.id)} currency={cat?.salon.currency} onEdit={() => setOverride(x)} />
        ) }] : []),
        { label: t('svc.resources'), render: (x) => (cat ? (x.resource_ids ?? []).filter((id: number) => !net || cat.resources.some((r) => r.id === id)).map((id: number) => resourceName(cat, id)).join(', ') : '') },
        { label: '', render: (x) => [x.package_only && t('svc.packageOnly'), x.discovery && t('svc.discovery'), (x.capacity ?? 0) > 1 && `${t('svc.capacity')} ${x.capacity}`].filter(Boolean).join(' · ') },
      ]}
    />
    {override && salonId !== null && (
      <OverrideDialog salonId={salonId} network={override} here={here.get(override.id)} currency={cat?.salon.currency}
        onClose={() => setOverride(null)} onSaved={() => { setOverride(null); reloadHere(); }} />
    )}
    </>
  );
}

function PackageTypesAdmin() {
  const cat = useCatalog();
  const net = currentSalonId() !== null;
  return (
    <Crud
      readOnly={net && getMe()?.role !== 'admin'}
      name="package_types"
      defaults={{ name: '', sessions: 10, service_ids: [], audience: 'all', validity_days: 0, ...(net ? { scope: 'network' } : {}) }}
      fields={[
        { key: 'name', label: t('common.name'), type: 'text', required: true },
        { key: 'sessions', label: t('pkgType.sessions'), type: 'number', required: true },
        { key: 'service_ids', label: t('staff.services'), type: 'multi', options: () => (cat?.services ?? []).map((s) => ({ value: s.id, label: s.name })) },
        { key: 'audience', label: t('svc.audience'), type: 'select', options: ['all', 'adult', 'teen', 'child'].map((a) => ({ value: a, label: t(`aud.${a}`) })) },
        { key: 'validity_days', label: t('pkgType.validity'), type: 'number' },
        ...(net ? [scopeField()] : []),
      ]}
      columns={[
        { label: t('common.name'), render: (x) => x.name },
        { label: t('pkgType.sessions'), render: (x) => x.sessions },
        { label: t('staff.services'), render: (x) => (cat ? (x.service_ids ?? []).map((id: number) => serviceName(cat, id)).join(', ') : '') },
        { label: t('pkgType.validity'), render: (x) => (x.validity_days ? `${x.validity_days} j` : '∞') },
        ...(net ? [{ label: t('net.scope'), render: (x: PackageType) => <span data-testid={`scope-${x.id}`}>{t(`net.scope.${x.scope ?? 'network'}`)}</span> }] : []),
      ]}
    />
  );
}

/** A package type's scope in a network: its sessions are used at every salon, or only where it was sold. */
const scopeField = (): FieldSpec => ({
  key: 'scope', label: t('net.scope'), type: 'select',
  options: [{ value: 'network', label: t('net.scope.network') }, { value: 'salon', label: t('net.scope.salon') }],
});
