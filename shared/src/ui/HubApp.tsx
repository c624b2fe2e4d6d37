import { useEffect } from 'react';
import { Button } from './components/Button';
import { Callout } from './components/Callout';
import { Loading } from './components/Loading';
import { errorMessage } from './api/error-messages';
import { useHub, useSession } from './hub-context';
import { AuthLayout } from './layout/AuthLayout';
import { AppShell } from './layout/AppShell';
import { redirectFor } from './routing/gate';
import { useRoute } from './routing/use-route';
import { PublicScreen } from './screens/PublicScreen';
import { SignedInScreen } from './screens/SignedInScreen';
import { PUBLIC_ROUTES } from './routing/routes';

/** The whole hub: boots the session, keeps people where they may be, picks the screen. */
export function HubApp() {
  const { session, accounts, audit, navigator } = useHub();
  const phase = useSession((s) => s.phase);
  const me = useSession((s) => s.me);
  const bootError = useSession((s) => s.bootError);
  const route = useRoute();

  useEffect(() => {
    void session.getState().boot();
  }, [session]);

  // Whoever signs in next starts from a clean account list and no one else's audit log.
  useEffect(() => {
    if (phase === 'signed-in') return;
    accounts.getState().reset();
    audit.getState().reset();
  }, [phase, accounts, audit]);

  const redirect = redirectFor(phase, route, me);
  useEffect(() => {
    if (redirect) navigator.navigate(redirect, { replace: true });
  }, [redirect, navigator]);

  if (phase === 'booting' || redirect) {
    return (
      <div className="auth">
        <Loading label="Connecting to the gateway…" />
      </div>
    );
  }
  if (phase === 'unreachable') {
    return (
      <AuthLayout title="The gateway is not answering">
        <Callout tone="bad" title="Could not load the hub">
          {bootError ? errorMessage(bootError) : null}
        </Callout>
        <Button variant="primary" block onClick={() => void session.getState().boot()}>
          Try again
        </Button>
      </AuthLayout>
    );
  }
  if (PUBLIC_ROUTES.has(route.name)) return <PublicScreen route={route} />;
  return (
    <AppShell>
      <SignedInScreen route={route} />
    </AppShell>
  );
}
