import {create} from 'zustand';

export type Toast = {id: number; message: string; tone: 'error' | 'info'};

/** Short messages about work that finished (or failed) after the user moved on. */
type ToastState = {
  toasts: Toast[];
  show: (message: string, tone?: Toast['tone']) => void;
  dismiss: (id: number) => void;
};

let next = 1;
export const useToastStore = create<ToastState>(set => ({
  toasts: [],
  show: (message, tone = 'error') => {
    const id = next++;
    set(s => ({toasts: [...s.toasts, {id, message, tone}]}));
    setTimeout(() => set(s => ({toasts: s.toasts.filter(t => t.id !== id)})), 8000);
  },
  dismiss: id => set(s => ({toasts: s.toasts.filter(t => t.id !== id)})),
}));
