import { createStore, type StoreApi } from 'zustand/vanilla';

export type ToastKind = 'success' | 'error' | 'info';
export interface Toast {
  id: number;
  kind: ToastKind;
  text: string;
}

export interface ToastState {
  toasts: Toast[];
  push(kind: ToastKind, text: string): number;
  dismiss(id: number): void;
}

/** How long a toast stays, by kind: errors longer, since they say what to do next. */
export const TOAST_MS: Record<ToastKind, number> = { success: 4000, info: 5000, error: 9000 };

/** Short confirmations and failures, announced through an aria-live region. */
export function createToastStore(
  timers: { set(fn: () => void, ms: number): unknown } = { set: (fn, ms) => setTimeout(fn, ms) },
): StoreApi<ToastState> {
  let next = 1;
  return createStore<ToastState>()((set, get) => ({
    toasts: [],
    push(kind, text) {
      const id = next++;
      // Keep the last few: a burst of failures must not cover the screen.
      set({ toasts: [...get().toasts.slice(-3), { id, kind, text }] });
      timers.set(() => get().dismiss(id), TOAST_MS[kind]);
      return id;
    },
    dismiss(id) {
      set({ toasts: get().toasts.filter((t) => t.id !== id) });
    },
  }));
}
