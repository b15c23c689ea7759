// Client portal (/book): booking, account (register / log in / forgot / reset), my appointments, offers.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import '../common/style.css';
import { onUnauthorized, setToken } from '../common/api';
import type { PublicSalon } from '../common/types';
import { t, useLang } from '../common/i18n';
import { LangSwitch, fullName } from '../common/ui';
import { AccountPage, DeletedPage } from './Account';
import { AuthPage, type AuthMode } from './Auth';
import { ConfirmPage } from './Confirm';
import { MyAppointments } from './MyAppointments';
import { OfferPage } from './Offer';
import { Link } from './Link';
import { UnsubscribePage } from './Unsubscribe';
import { getSalon, navigate, refreshMe, signOut, useMe, usePath } from './session';
import { NetworkBooking } from './NetworkBooking';
import { slugOfPath, useSlugSalon } from './salons';

function Portal() {
  useLang();
  const path = usePath();
  const [me] = useMe();
  const [salon, setSalon] = useState<PublicSalon | null>(null);
  useEffect(() => {
    getSalon().then(setSalon);
    onUnauthorized((k) => {
      if (k === 'portal') {
        setToken('portal', null);
        refreshMe();
      }
    });
  }, []);
  const slug = slugOfPath(path);
  const slugSalon = useSlugSalon(slug);
  const offer = /^\/book\/offers\/([^/]+)/.exec(path);
  const confirm = /^\/book\/confirm\/([^/]+)/.exec(path);
  const unsubscribe = /^\/book\/unsubscribe\/([^/]+)/.exec(path);
  let page;
  if (offer) page = <OfferPage token={decodeURIComponent(offer[1])} />;
  else if (unsubscribe) page = <UnsubscribePage token={decodeURIComponent(unsubscribe[1])} />;
  else if (path.startsWith('/book/account')) page = <AccountPage />;
  else if (path.startsWith('/book/deleted')) page = <DeletedPage />;
  else if (confirm) page = <ConfirmPage token={decodeURIComponent(confirm[1])} />;
  else if (/^\/book\/(login|register|forgot|reset)/.test(path)) page = <AuthPage mode={path.split('/')[2] as AuthMode} />;
  else if (path.startsWith('/book/me')) page = <MyAppointments />;
  else if (slug) page = <NetworkBooking slug={slug} salon={slugSalon} />;
  else page = <NetworkBooking />;
  return (
    <div class="portal">
      <header class="portal-top">
        <Link href="/book" class="brand" testid="portal-home">{slugSalon?.name || salon?.name || 'Creneau'}</Link>
        <span class="spacer" />
        {me ? (
          <>
            <Link href="/book/me" testid="portal-my">{t('portal.myAppointments')}</Link>
            <Link href="/book/account" class="muted me" testid="portal-me">{fullName(me.account) || me.account?.email}</Link>
            <button type="button" class="link" data-testid="portal-logout" onClick={() => signOut().then(() => navigate('/book'))}>
              {t('nav.logout')}
            </button>
          </>
        ) : (
          <>
            <Link href="/book/login" testid="portal-login-link">{t('portal.login')}</Link>
            <Link href="/book/register" testid="portal-register-link">{t('portal.register')}</Link>
          </>
        )}
        <LangSwitch />
      </header>
      <main class="portal-main">{page}</main>
    </div>
  );
}

render(<Portal />, document.getElementById('app')!);
