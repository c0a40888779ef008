import { useQuery } from '@apollo/client/react';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { ApiKeysPanel } from '../users/ApiKeysPanel';
import { AccountDocument } from './account.operations';
import { PasskeysSection } from './PasskeysSection';
import { PasswordSection } from './PasswordSection';
import { ProfileSection } from './ProfileSection';
import { ProvidersSection } from './ProvidersSection';
import { SessionsSection } from './SessionsSection';
import { TwoFactorSection } from './TwoFactorSection';

/** Your own account: profile, password, two-factor and passkeys, sessions, sign-in providers and API keys. */
export default function AccountPage() {
  const { data, error, refetch } = useQuery(AccountDocument);
  const me = data?.me;
  return (
    <section className="page" aria-labelledby="account-title">
      <h1 id="account-title">Account</h1>
      {error && (
        <ErrorMessage error={error} title="Could not load your account" onRetry={() => void refetch()} />
      )}
      {!me && !error && <Loading label="Loading your account" />}
      {me && (
        <>
          <div className="columns">
            <ProfileSection me={me} />
            <PasswordSection />
          </div>
          <TwoFactorSection status={me.twoFactor} />
          <PasskeysSection twoFactorOn={Boolean(me.twoFactor?.enabled)} passkeys={me.passkeys ?? []} />
          <SessionsSection />
          {data.oidcProviders.length > 0 && (
            <ProvidersSection providers={data.oidcProviders} linked={me.linkedIdentities ?? []} />
          )}
          <ApiKeysPanel />
        </>
      )}
    </section>
  );
}
