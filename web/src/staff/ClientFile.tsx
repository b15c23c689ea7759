// One client file: details, members (family), packages, appointments, appointment notes, merge, delete.
import { useEffect, useState } from 'preact/hooks';
import { errorText, fieldErrorOf, FieldError } from '../common/api';
import type { Appointment, Client, ClientFile as ClientFileT, Member, Package } from '../common/types';
import { listAppointments } from './api/appointments';
import { addMember, addPackage, getClientFile, mergeClients, removeMember, updateClient } from './api/clients';
import { packageSummary, t, tv, useLang } from '../common/i18n';
import { addDays, fmtInstant, todayIn } from '../common/time';
import { ErrorBox, Field, Modal, Notice, fullName, val } from '../common/ui';
import { forgetClient, serviceName, useCatalog } from './catalog';
import { currentSalonId, salonNameOf } from './salon';
import { ClientFields, ClientForm, clientFormOf } from './ClientFields';
import { ClientPicker } from './ClientPicker';
import { DeleteClientsDialog } from './DeleteClients';
import { Messages } from './Messages';
import { ClientPrivacy } from './ClientPrivacy';

const RELATIONS = ['child', 'partner', 'parent', 'other'];
export const memberId = (m: Member): number => (m.member_id ?? m.client_id ?? m.id)!;

export function ClientFile(p: { id: number }) {
  const lang = useLang();
  const cat = useCatalog();
  const [c, setC] = useState<ClientFileT | null>(null);
  const [form, setForm] = useState<ClientForm | null>(null);
  const [appts, setAppts] = useState<Appointment[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [merge, setMerge] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [fieldErr, setFieldErr] = useState<FieldError | null>(null);

  const load = async () => {
    try {
      forgetClient(p.id);
      const r = await getClientFile(p.id);
      setC(r);
      setForm(clientFormOf(r, cat?.salon.country));
      const today = todayIn();
      const ap = await listAppointments({
        client_id: p.id, from: addDays(today, -3 * 365), to: addDays(today, 2 * 365), limit: 500,
        salon_id: null, // the file is the network's: its visits at every salon
      }).catch((): Appointment[] => []);
      setAppts(ap.sort((a, b) => (a.start < b.start ? 1 : -1)));
    } catch (e) {
      setError(errorText(e));
    }
  };
  useEffect(() => {
    load();
  }, [p.id]);

  const run = async (fn: () => Promise<unknown>, msg?: string) => {
    setError(null);
    setNotice(null);
    try {
      await fn();
      if (msg) setNotice(msg);
      await load();
    } catch (e) {
      setError(errorText(e));
    }
  };

  if (!c || !form) return <div class="page"><ErrorBox error={error} /><p class="muted">{t('common.loading')}</p></div>;
  return (
    <div class="page client-file" data-testid="client-file">
      <div class="toolbar">
        <a href="#/clients">‹ {t('nav.clients')}</a>
        <h1 data-testid="client-file-name">{c.erased ? t('privacy.erasedFile', { id: c.id }) : fullName(c)}</h1>
        {c.account && <span class="badge">{t('clients.account')}: {c.account}</span>}
        <span class="badge" data-testid="client-noshows">{t('client.noShows', { n: c.no_shows ?? 0 })}</span>
        <span class="spacer" />
        <button type="button" data-testid="client-merge" onClick={() => setMerge(true)}>{t('client.merge')}</button>
        <button type="button" class="danger" data-testid="client-delete" onClick={() => setDeleting(true)}>
          {t('common.delete')}
        </button>
      </div>
      <ErrorBox error={error} />
      <Notice text={notice} />
      <div class="cols">
        <section class="card">
          <h2>{t('client.details')}</h2>
          <form onSubmit={(e) => {
            e.preventDefault();
            setFieldErr(null);
            run(() => updateClient(p.id, form).catch((err) => {
              setFieldErr(fieldErrorOf(err));
              throw err;
            }), t('common.saved'));
          }}>
            {/* An erased file (RGPD) holds no personal data: nothing left to edit. */}
            <fieldset disabled={!!c.erased} class="bare">
              <ClientFields value={form} onChange={setForm} error={fieldErr} />
              <div class="actions"><button type="submit" class="primary" data-testid="client-save">{t('common.save')}</button></div>
            </fieldset>
          </form>
        </section>
        <div>
          <Members c={c} run={run} />
          <Packages c={c} run={run} />
        </div>
      </div>
      <section class="card">
        <h2>{t('client.appointments')}</h2>
        <table class="table" data-testid="client-appointments">
          <tbody>
            {appts.map((a) => (
              <tr>
                <td><a href={`#/agenda?date=${a.start.slice(0, 10)}&view=day`}>{fmtInstant(a.start, lang)}</a></td>
                <td>{cat ? (a.lines ?? []).map((l) => serviceName(cat, l.service_id)).join(', ') : ''}</td>
                {currentSalonId() !== null && <td data-testid="client-appt-salon">{salonNameOf(a.salon_id)}</td>}
                <td><span class={`badge status-${a.status}`}>{t(`status.${a.status}`)}</span>{a.no_show && <span class="badge noshow">{t('agenda.noShow')}</span>}</td>
              </tr>
            ))}
            {!appts.length && <tr><td class="muted">{t('client.noAppointments')}</td></tr>}
          </tbody>
        </table>
      </section>
      <section class="card">
        <h2>{t('client.notes')}</h2>
        <ul data-testid="client-notes">
          {(c.appointment_notes ?? []).map((n) => (
            <li><span class="muted">{fmtInstant(n.start, lang)}</span> — {n.notes}</li>
          ))}
          {!(c.appointment_notes ?? []).length && <li class="muted">—</li>}
        </ul>
      </section>
      <section class="card">
        <h2>{t('msg.title')}</h2>
        <Messages clientId={p.id} testid="client-messages" />
      </section>
      {deleting && (
        <DeleteClientsDialog ids={[p.id]} title={t('client.deleteTitle', { name: fullName(c) })} testid="client-delete"
          onClose={() => setDeleting(false)} onDeleted={() => (location.hash = '#/clients')} />
      )}
      <ClientPrivacy c={c} reload={load} />
      {merge && <MergeDialog c={c} onClose={() => setMerge(false)} onMerged={() => { setMerge(false); run(async () => undefined, t('client.merged')); }} />}
    </div>
  );
}

function Members(p: { c: ClientFileT; run: (fn: () => Promise<unknown>, msg?: string) => void }) {
  const [member, setMember] = useState<Client | null>(null);
  const [relation, setRelation] = useState('child');
  const members: Member[] = p.c.members ?? [];
  return (
    <section class="card" data-testid="client-members">
      <h2>{t('client.members')}</h2>
      <ul>
        {members.map((m) => (
          <li data-testid={`member-${memberId(m)}`}>
            <a href={`#/clients/${memberId(m)}`}>{fullName(m.member ?? m) || `#${memberId(m)}`}</a>
            {m.relation && <span class="muted"> ({tv('rel', m.relation)})</span>}{' '}
            <button type="button" class="link" onClick={() => p.run(() => removeMember(p.c.id, memberId(m)))}>
              {t('common.remove')}
            </button>
          </li>
        ))}
        {!members.length && <li class="muted">—</li>}
      </ul>
      <div class="row end">
        <ClientPicker value={member} onChange={setMember} label={t('client.addMember')} testid="member" excludeId={p.c.id} />
        <Field label={t('client.relation')}>
          {(id) => (
            <select id={id} value={relation} onChange={(e) => setRelation(val(e))} data-testid="member-relation">
              {RELATIONS.map((r) => <option value={r}>{t(`rel.${r}`)}</option>)}
            </select>
          )}
        </Field>
        <button type="button" disabled={!member} data-testid="member-add"
          onClick={() => { p.run(() => addMember(p.c.id, member!.id, relation)); setMember(null); }}>
          {t('common.add')}
        </button>
      </div>
    </section>
  );
}

function Packages(p: { c: ClientFileT; run: (fn: () => Promise<unknown>, msg?: string) => void }) {
  const cat = useCatalog();
  const [type, setType] = useState<number>(0);
  const [start, setStart] = useState(todayIn());
  const pk: Package[] = p.c.packages ?? [];
  return (
    <section class="card" data-testid="client-packages">
      <h2>{t('client.packages')}</h2>
      <ul>
        {pk.map((x) => (
          <li data-testid={`package-${x.id}`}>
            <strong>{x.name}</strong> — <span data-testid="package-summary">{packageSummary(x)}</span>
            {x.start_date && <span class="muted"> · {t('client.since', { d: x.start_date })}</span>}
            {currentSalonId() !== null && x.salon_id && <span class="muted"> · {t('net.soldAt', { salon: salonNameOf(x.salon_id) })}</span>}
          </li>
        ))}
        {!pk.length && <li class="muted">—</li>}
      </ul>
      <div class="row end">
        <Field label={t('client.packageType')}>
          {(id) => (
            <select id={id} value={type || ''} onChange={(e) => setType(Number(val(e)))} data-testid="package-type">
              <option value="">—</option>
              {(cat?.packageTypes ?? []).map((pt) => <option value={pt.id}>{pt.name} ({pt.sessions})</option>)}
            </select>
          )}
        </Field>
        <Field label={t('client.startDate')}>
          {(id) => <input id={id} type="date" value={start} onInput={(e) => setStart(val(e))} data-testid="package-start" />}
        </Field>
        <button type="button" disabled={!type} data-testid="package-add"
          onClick={() => p.run(() => addPackage(p.c.id, type, start))}>
          {t('common.add')}
        </button>
      </div>
    </section>
  );
}

function MergeDialog(p: { c: ClientFileT; onClose: () => void; onMerged: () => void }) {
  const [other, setOther] = useState<Client | null>(null);
  const [error, setError] = useState<string | null>(null);
  const go = async () => {
    try {
      await mergeClients(p.c.id, other!.id);
      p.onMerged();
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <Modal title={t('client.mergeTitle', { name: fullName(p.c) })} onClose={p.onClose} testid="merge-dialog">
      <p class="muted">{t('client.mergeHelp')}</p>
      <ClientPicker value={other} onChange={setOther} label={t('client.mergeFrom')} testid="merge-from" excludeId={p.c.id} />
      <ErrorBox error={error} />
      <div class="actions">
        <button type="button" onClick={p.onClose}>{t('common.cancel')}</button>
        <button type="button" class="danger" disabled={!other} data-testid="merge-confirm" onClick={go}>{t('client.mergeDo')}</button>
      </div>
    </Modal>
  );
}
