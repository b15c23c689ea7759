// The network's own settings (admin): its name and how long client files are kept (RGPD retention).
import { useEffect, useState } from 'preact/hooks';
import { errorText, fieldErrorOf, FieldError } from '../common/api';
import type { Network } from '../common/types';
import { getNetwork, patchNetwork } from './api/settings';
import { t, useLang } from '../common/i18n';
import { ErrorBox, Field, Notice, num, val } from '../common/ui';

export function NetworkSettings() {
  useLang();
  const [n, setN] = useState<Network | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fieldErr, setFieldErr] = useState<FieldError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    getNetwork().then(setN, (e) => setError(errorText(e)));
  }, []);
  if (!n) return <ErrorBox error={error} />;
  const save = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setNotice(null);
    setFieldErr(null);
    try {
      setN(await patchNetwork({ name: n.name, retention_years: n.retention_years }));
      setNotice(t('common.saved'));
    } catch (err) {
      setFieldErr(fieldErrorOf(err));
      setError(errorText(err));
    }
  };
  const errOf = (f: string) => (fieldErr?.field === f ? fieldErr.message : null);
  return (
    <form class="card" data-testid="network-settings" onSubmit={save}>
      <h2>{t('settings.network')}</h2>
      <div class="row">
        <Field label={t('settings.networkName')} error={errOf('name')}>
          {(id) => <input id={id} value={n.name} onInput={(e) => setN({ ...n, name: val(e) })} data-testid="network-name" />}
        </Field>
        <Field label={t('settings.retentionYears')} error={errOf('retention_years')}>
          {(id) => (
            <input id={id} type="number" min={1} max={30} value={n.retention_years}
              onInput={(e) => setN({ ...n, retention_years: num(e) })} data-testid="network-retention" />
          )}
        </Field>
      </div>
      <p class="muted small">{t('settings.retentionHelp')}</p>
      <ErrorBox error={error} />
      <Notice text={notice} />
      <div class="actions"><button type="submit" class="primary" data-testid="network-save">{t('common.save')}</button></div>
    </form>
  );
}
