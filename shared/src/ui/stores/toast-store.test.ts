import { describe, expect, it } from 'vitest';
import { TOAST_MS, createToastStore } from './toast-store';

describe('createToastStore', () => {
  it('dismisses each toast after its time, errors last longest', () => {
    const timers: { fn: () => void; ms: number }[] = [];
    const s = createToastStore({ set: (fn, ms) => timers.push({ fn, ms }) });
    s.getState().push('success', 'Saved.');
    s.getState().push('error', 'Failed.');
    expect(timers.map((t) => t.ms)).toEqual([TOAST_MS.success, TOAST_MS.error]);
    expect(TOAST_MS.error).toBeGreaterThan(TOAST_MS.success);
    timers[0]!.fn();
    expect(s.getState().toasts.map((t) => t.text)).toEqual(['Failed.']);
  });

  it('keeps only the latest four', () => {
    const s = createToastStore({ set: () => undefined });
    for (let i = 1; i <= 6; i++) s.getState().push('info', `t${i}`);
    expect(s.getState().toasts.map((t) => t.text)).toEqual(['t3', 't4', 't5', 't6']);
  });
});
