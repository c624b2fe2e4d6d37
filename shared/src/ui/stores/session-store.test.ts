import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/api-error';
import { ME, fakeApi, unauthenticated } from '../testing/fake-api';
import { createSessionStore } from './session-store';

describe('createSessionStore', () => {
  it('boots into the claim screen on an unclaimed gateway, without asking who is signed in', async () => {
    const me = vi.fn();
    const s = createSessionStore(
      fakeApi({ status: async () => ({ claimed: false, name: 'GW' }), me }),
    );
    await s.getState().boot();
    expect(s.getState()).toMatchObject({ phase: 'unclaimed', hostName: 'GW' });
    expect(me).not.toHaveBeenCalled();
  });

  it('boots signed out on 401, signed in with a session, unreachable otherwise', async () => {
    const status = async () => ({ claimed: true, name: 'GW' });
    const out = createSessionStore(
      fakeApi({ status, me: async () => Promise.reject(unauthenticated()) }),
    );
    await out.getState().boot();
    expect(out.getState().phase).toBe('signed-out');

    const ins = createSessionStore(fakeApi({ status, me: async () => ME }));
    await ins.getState().boot();
    expect(ins.getState()).toMatchObject({ phase: 'signed-in', me: ME });

    const down = createSessionStore(
      fakeApi({ status: async () => Promise.reject(new ApiError(0, 'NETWORK', 'x')) }),
    );
    await down.getState().boot();
    expect(down.getState().phase).toBe('unreachable');
    expect(down.getState().bootError?.code).toBe('NETWORK');
  });

  it('signs the new host admin in right after claiming', async () => {
    const login = vi.fn(async () => ME);
    const s = createSessionStore(fakeApi({ setup: async () => undefined, login }));
    await s
      .getState()
      .claim({ setup_token: 't', email: 'owner@host.example', password: 'long enough pw' });
    expect(login).toHaveBeenCalledWith({ email: 'owner@host.example', password: 'long enough pw' });
    expect(s.getState().phase).toBe('signed-in');
  });

  it('leaves the session untouched when sign-in fails, so the screen can say why', async () => {
    const s = createSessionStore(
      fakeApi({ login: async () => Promise.reject(new ApiError(401, 'TOTP_REQUIRED', 'code')) }),
    );
    await expect(
      s.getState().signIn({ email: 'a@b.example', password: 'x' }),
    ).rejects.toMatchObject({ code: 'TOTP_REQUIRED' });
    expect(s.getState().phase).toBe('booting');
  });

  it('signs out locally even when the gateway cannot be told', async () => {
    const s = createSessionStore(
      fakeApi({
        login: async () => ME,
        logout: async () => Promise.reject(new ApiError(0, 'NETWORK', 'x')),
      }),
    );
    await s.getState().signIn({ email: 'a@b.example', password: 'x' });
    await expect(s.getState().signOut()).rejects.toMatchObject({ code: 'NETWORK' });
    expect(s.getState()).toMatchObject({ phase: 'signed-out', me: null });
  });

  it('keeps one session per API client', async () => {
    const a = createSessionStore(fakeApi({ login: async () => ME }));
    const b = createSessionStore(fakeApi());
    await a.getState().signIn({ email: 'a@b.example', password: 'x' });
    expect(a.getState().phase).toBe('signed-in');
    expect(b.getState().phase).toBe('booting');
    a.getState().expire();
    expect(a.getState().phase).toBe('signed-out');
  });
});
