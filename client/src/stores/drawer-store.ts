import {create} from 'zustand';

/** Which phone drawer is open: the servers-and-rooms list, the member list, or none. */
export type DrawerName = 'nav' | 'members';

type DrawerState = {
  open: DrawerName | undefined;
  show: (name: DrawerName) => void;
  close: () => void;
};

export const useDrawerStore = create<DrawerState>()(set => ({
  open: undefined,
  show: open => set({open}),
  close: () => set({open: undefined}),
}));
