import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './env.js';

describe('loadConfig', () => {
  it('runs on the embedded SQLite default with no variables set', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(8080);
    expect(c.database).toEqual({ kind: 'sqlite', dir: './data' });
    expect(c.publicUrl).toBe('http://localhost:8080');
    expect(c.GRAPH_API_BASE_URL).toBe('https://graph.facebook.com');
  });

  it('names every bad variable at once', () => {
    const bad = {
      PORT: 'eighty',
      GRAPH_API_VERSION: '24',
      MASTER_KEY: 'short',
      TRUST_PROXY: 'maybe',
    };
    try {
      loadConfig(bad);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const msg = (e as Error).message;
      for (const name of Object.keys(bad)) expect(msg).toContain(name);
    }
  });

  it('requires a master key with PostgreSQL', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://localhost/test' })).toThrow(/MASTER_KEY/);
  });

  it('never echoes a secret value in its error', () => {
    const secret = 'c2VjcmV0LXNlY3JldC1zZWNyZXQ=';
    expect(() => loadConfig({ MASTER_KEY: secret })).toThrow(ConfigError);
    try {
      loadConfig({ MASTER_KEY: secret });
    } catch (e) {
      expect((e as Error).message).not.toContain(secret);
    }
  });
});
