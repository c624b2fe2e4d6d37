import { createStore, type StoreApi } from 'zustand/vanilla';
import { toApiError, type ApiError } from '../api/api-error';
import type { HubApi } from '../api/hub-api';
import type { InvitationAccept, Me } from '../api/types';

/**
 * booting: asking the gateway; unclaimed: first run, only the claim screen makes sense;
 * signed-out / signed-in: the usual; unreachable: the gateway did not answer at boot.
 */
export type SessionPhase = 'booting' | 'unclaimed' | 'signed-out' | 'signed-in' | 'unreachable';

export interface SessionState {
  phase: SessionPhase;
  me: Me | null;
  /** The host's display name from GET /status, for titles. */
  hostName: string;
  bootError: ApiError | null;
  boot(): Promise<void>;
  /** Claims the instance, then signs the new host admin in. */
  claim(body: { setup_token: string; email: string; password: string }): Promise<void>;
  signIn(body: { email: string; password: string; totp?: string }): Promise<void>;
  acceptInvitation(body: InvitationAccept): Promise<void>;
  /** Re-reads GET /me, e.g. after a role or membership change. */
  refresh(): Promise<void>;
  signOut(everywhere?: boolean): Promise<void>;
  /** The gateway answered 401 to some call: the session is gone. */
  expire(): void;
}

/** Who is signed in, per API client: two hubs on one page never share a session. */
export function createSessionStore(api: HubApi): StoreApi<SessionState> {
  return createStore<SessionState>()((set, get) => {
    const signedIn = (me: Me) => set({ phase: 'signed-in', me, bootError: null });
    return {
      phase: 'booting',
      me: null,
      hostName: '',
      bootError: null,
      async boot() {
        set({ phase: 'booting', bootError: null });
        try {
          const status = await api.status();
          set({ hostName: status.name });
          if (!status.claimed) return set({ phase: 'unclaimed', me: null });
          signedIn(await api.me());
        } catch (err) {
          const e = toApiError(err);
          if (e.code === 'UNAUTHENTICATED') set({ phase: 'signed-out', me: null });
          else set({ phase: 'unreachable', bootError: e });
        }
      },
      async claim(body) {
        await api.setup(body);
        signedIn(await api.login({ email: body.email, password: body.password }));
      },
      async signIn(body) {
        signedIn(await api.login(body));
      },
      async acceptInvitation(body) {
        signedIn(await api.acceptInvitation(body));
      },
      async refresh() {
        try {
          signedIn(await api.me());
        } catch (err) {
          if (toApiError(err).code === 'UNAUTHENTICATED') get().expire();
          else throw err;
        }
      },
      async signOut(everywhere = false) {
        try {
          await (everywhere ? api.logoutEverywhere() : api.logout());
        } finally {
          // Signed out locally whatever the gateway said: the person asked to leave.
          set({ phase: 'signed-out', me: null });
        }
      },
      expire() {
        if (get().phase === 'signed-in') set({ phase: 'signed-out', me: null });
      },
    };
  });
}
