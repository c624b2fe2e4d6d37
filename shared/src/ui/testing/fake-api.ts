import { ApiError } from '../api/api-error';
import type { HubApi } from '../api/hub-api';
import type { Me } from '../api/types';

/** A HubApi for store and screen tests: every method refuses unless a test overrides it. */
export function fakeApi(over: Partial<HubApi> = {}): HubApi {
  return new Proxy(over as HubApi, {
    get(target, name: string) {
      if (name in target) return target[name as keyof HubApi];
      return async () => {
        throw new ApiError(500, 'INTERNAL', `fakeApi.${name} was not expected`);
      };
    },
  });
}

export const ME: Me = {
  user: { id: 'u1', email: 'owner@host.example', totp_enabled: false },
  host_role: 'admin',
  accounts: [],
};

export const unauthenticated = () => new ApiError(401, 'UNAUTHENTICATED', 'Sign in first.');
