import {create} from 'zustand';

/** Unread totals per server, reported by the rail; summed for the tab title and favicon. */
type UnreadState = {
  byServer: Record<string, {total: number; mentions: number}>;
  report: (serverID: string, total: number, mentions: number) => void;
  forget: (serverID: string) => void;
};

export const useUnreadStore = create<UnreadState>(set => ({
  byServer: {},
  report: (serverID, total, mentions) =>
    set(s => {
      const prev = s.byServer[serverID];
      if (prev && prev.total === total && prev.mentions === mentions) return s;
      return {byServer: {...s.byServer, [serverID]: {total, mentions}}};
    }),
  forget: serverID =>
    set(s => {
      const byServer = {...s.byServer};
      delete byServer[serverID];
      return {byServer};
    }),
}));
