import {create} from 'zustand';

/** Why some files were not added to a tray (too many, empty), shown by that composer. */
export const useFileNotice = create<{
  notices: Readonly<Record<string, string | undefined>>;
  set: (trayKey: string, notice: string | undefined) => void;
}>(set => ({
  notices: {},
  set: (trayKey, notice) => set(s => ({notices: {...s.notices, [trayKey]: notice}})),
}));
