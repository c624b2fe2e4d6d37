import { describe, expect, it } from 'vitest';
import { parseGatewayEnv } from './gateway-env.js';

describe('parseGatewayEnv', () => {
  it('reads NAME=value pairs separated by spaces, values may be empty or hold "="', () => {
    expect(parseGatewayEnv('SYNC_MODE=pool  UV_THREADPOOL_SIZE=2 EMPTY= A=b=c')).toEqual({
      SYNC_MODE: 'pool',
      UV_THREADPOOL_SIZE: '2',
      EMPTY: '',
      A: 'b=c',
    });
  });

  it('gives nothing when the flag is absent', () => {
    expect(parseGatewayEnv(undefined)).toEqual({});
  });

  it('refuses a pair it cannot read instead of running without it', () => {
    expect(() => parseGatewayEnv('SYNC_MODE')).toThrow('"SYNC_MODE" is not NAME=value');
    expect(() => parseGatewayEnv('1X=2')).toThrow('is not NAME=value');
  });
});
