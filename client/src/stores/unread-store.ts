import {create} from 'zustand';

/** Unread state per server (rooms with news, mentions), reported by the rail; summed for the tab title and favicon. */
type UnreadState = {
  byServer: Record<string, {rooms: number; mentions: number}>;
  report: (serverID: string, rooms: number, mentions: number) => void;
  forget: (serverID: string) => void;
};

export const useUnreadStore = create<UnreadState>(set => ({
  byServer: {},
  report: (serverID, rooms, mentions) =>
    set(s => {
      const prev = s.byServer[serverID];
      if (prev && prev.rooms === rooms && prev.mentions === mentions) return s;
      return {byServer: {...s.byServer, [serverID]: {rooms, mentions}}};
    }),
  forget: serverID =>
    set(s => {
      const byServer = {...s.byServer};
      delete byServer[serverID];
      return {byServer};
    }),
}));
