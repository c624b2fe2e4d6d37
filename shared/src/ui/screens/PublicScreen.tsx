import type { Route } from '../routing/routes';
import { ForgotScreen } from './auth/ForgotScreen';
import { InviteScreen } from './auth/InviteScreen';
import { LoginScreen } from './auth/LoginScreen';
import { ResetScreen } from './auth/ResetScreen';
import { SetupScreen } from './auth/SetupScreen';

/** The screens that work without a session. */
export function PublicScreen({ route }: { route: Route }) {
  switch (route.name) {
    case 'setup':
      return <SetupScreen />;
    case 'login':
      return <LoginScreen />;
    case 'forgot':
      return <ForgotScreen />;
    case 'reset':
      return <ResetScreen token={route.token} />;
    case 'invite':
      return <InviteScreen token={route.token} />;
    default:
      return null;
  }
}
