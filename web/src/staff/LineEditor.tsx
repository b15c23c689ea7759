// One service line of the appointment form: service (the staff member's own first), staff, resource,
// duration, price and the service's questionnaire.
import { t } from '../common/i18n';
import { Field, FieldMessage, fullName, inputFromCents, val } from '../common/ui';
import type { Catalog, Service } from './catalog';

export interface LineState {
  service_id: number;
  staff_id: number;
  resource_id: number | null;
  duration: string;
  price: string;
  answers: Record<string, string>;
}

export function lineFromService(l: LineState, s: Service | undefined): LineState {
  if (!s) return { ...l, service_id: 0 };
  const keepRes = l.resource_id && s.resource_ids.includes(l.resource_id);
  return {
    ...l,
    service_id: s.id,
    duration: String(s.duration_minutes),
    price: inputFromCents(s.price_cents),
    resource_id: s.resource_ids.length ? (keepRes ? l.resource_id : s.resource_ids[0]) : null,
    answers: {},
  };
}

export function LineEditor(p: {
  index: number;
  line: LineState;
  cat: Catalog;
  onChange: (l: LineState) => void;
  onRemove?: () => void;
  /** An error naming this line: `sub` is what follows "lines[i]." ('' for the line as a whole). */
  error?: { sub: string; message: string } | null;
}) {
  const { line: l, cat, index: i } = p;
  const err = (sub: string) => (p.error && p.error.sub === sub ? p.error.message : null);
  // The line as a whole (e.g. "the staff member is not free for line 2") is about who does it, then.
  const staffErr = err('staff_id') ?? err('');
  const known = ['', 'service_id', 'staff_id', 'resource_id', 'duration_minutes', 'price_cents', 'start'];
  const otherErr = p.error && !known.includes(p.error.sub) && !p.error.sub.startsWith('answers.') ? p.error.message : null;
  const staff = cat.staff.find((s) => s.id === l.staff_id);
  // In a network, a service the chosen salon does not offer is not bookable there.
  const offered = cat.services.filter((s) => s.offered !== false || s.id === l.service_id);
  const mine = offered.filter((s) => staff?.service_ids.includes(s.id));
  const others = offered.filter((s) => !staff?.service_ids.includes(s.id));
  const service = cat.services.find((s) => s.id === l.service_id);
  const needsResource = !!service && service.resource_ids.length > 0;
  const resources = needsResource ? cat.resources.filter((r) => service!.resource_ids.includes(r.id)) : cat.resources;
  const opt = (s: Service) => (
    <option value={s.id}>
      {s.name} · {s.duration_minutes} min{s.package_only ? ` · ${t('svc.packageOnly')}` : ''}
    </option>
  );
  return (
    <div class={'line' + (p.error ? ' invalid' : '')} data-testid={`line-${i}`}>
      <div class="row">
        <Field label={t('appt.service', { n: i + 1 })} class="grow" error={err('service_id')}>
          {(id) => (
            <select
              id={id}
              required
              value={l.service_id || ''}
              data-testid={`line-${i}-service`}
              onChange={(e) => p.onChange(lineFromService(l, cat.services.find((s) => s.id === Number(val(e)))))}
            >
              <option value="">{t('appt.chooseService')}</option>
              {mine.length > 0 && (
                <optgroup label={t('appt.servicesOf', { name: staff?.first_name ?? '' })}>{mine.map(opt)}</optgroup>
              )}
              {others.length > 0 && (
                <optgroup label={mine.length ? t('appt.otherServices') : t('appt.services')}>{others.map(opt)}</optgroup>
              )}
            </select>
          )}
        </Field>
        <Field label={t('appt.staff')} error={staffErr}>
          {(id) => (
            <select id={id} value={l.staff_id} data-testid={`line-${i}-staff`}
              onChange={(e) => p.onChange({ ...l, staff_id: Number(val(e)) })}>
              {cat.staff.map((s) => (
                <option value={s.id}>{fullName(s)}</option>
              ))}
            </select>
          )}
        </Field>
        <Field label={needsResource ? `${t('appt.resource')} *` : t('appt.resource')} error={err('resource_id')}>
          {(id) => (
            <select
              id={id}
              value={l.resource_id ?? ''}
              required={needsResource}
              aria-required={needsResource}
              data-testid={`line-${i}-resource`}
              onChange={(e) => p.onChange({ ...l, resource_id: val(e) ? Number(val(e)) : null })}
            >
              <option value="">{needsResource ? t('appt.chooseResource') : '—'}</option>
              {resources.map((r) => (
                <option value={r.id}>{r.name}</option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('appt.duration')} class="narrow" error={err('duration_minutes')}>
          {(id) => (
            <input id={id} type="number" min={5} step={5} value={l.duration} data-testid={`line-${i}-duration`}
              onInput={(e) => p.onChange({ ...l, duration: val(e) })} />
          )}
        </Field>
        <Field label={t('appt.price')} class="narrow" error={err('price_cents')}>
          {(id) => (
            <input id={id} inputMode="decimal" value={l.price} data-testid={`line-${i}-price`}
              onInput={(e) => p.onChange({ ...l, price: val(e) })} />
          )}
        </Field>
        {p.onRemove && (
          <button type="button" class="icon remove-line" aria-label={t('appt.removeService')}
            data-testid={`line-${i}-remove`} onClick={p.onRemove}>
            ×
          </button>
        )}
      </div>
      <FieldMessage text={otherErr} />
      {service?.questionnaire && service.questionnaire.length > 0 && (
        <div class="questionnaire">
          {service.questionnaire.map((q) => (
            <Field label={q.question + (q.required ? ' *' : '')} error={err(`answers.${q.key}`)}>
              {(id) => (
                <input id={id} value={l.answers[q.key] ?? ''} required={q.required}
                  data-testid={`line-${i}-answer-${q.key}`}
                  onInput={(e) => p.onChange({ ...l, answers: { ...l.answers, [q.key]: val(e) } })} />
              )}
            </Field>
          ))}
        </div>
      )}
    </div>
  );
}
