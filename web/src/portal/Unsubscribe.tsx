// The unsubscribe link of a marketing e-mail ({public_url}/book/unsubscribe/{token}): no log-in; one click
// confirms (a POST, so a mail scanner that opens the link unsubscribes nobody).
import { useState } from 'preact/hooks';
import { errorText } from '../common/api';
import { unsubscribe } from './api/links';
import { t, useLang } from '../common/i18n';
import { ErrorBox } from '../common/ui';

export function UnsubscribePage(p: { token: string }) {
  useLang();
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const go = async () => {
    setError(null);
    try {
      await unsubscribe(p.token);
      setDone(true);
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <div class="card" data-testid="unsubscribe-page">
      <h1>{t('portal.unsubscribeTitle')}</h1>
      {done ? (
        <p class="notice" role="status" data-testid="unsubscribe-done">{t('portal.unsubscribed')}</p>
      ) : (
        <>
          <p>{t('portal.unsubscribeHelp')}</p>
          <ErrorBox error={error} testid="unsubscribe-error" />
          <button type="button" class="primary" data-testid="unsubscribe-confirm" onClick={go}>{t('portal.unsubscribeDo')}</button>
        </>
      )}
    </div>
  );
}
