import {create} from 'zustand';

/**
 * Unread state per server (rooms with news, mentions), reported by the rail;
 * summed for the tab title and favicon. Read marks live in lib/read-marks.ts.
 */
type UnreadState = {
  byServer: Record<string, {rooms: number; mentions: number}>;
  /**
   * Others wrote in the open room while the tab was hidden. Server activity
   * leaves the open room out (its messages reach the client anyway), so the
   * message list reports it; it clears when the tab is seen again.
   */
  openRoomNews: boolean;
  setOpenRoomNews: (news: boolean) => void;
  report: (serverID: string, rooms: number, mentions: number) => void;
  forget: (serverID: string) => void;
};

export const useUnreadStore = create<UnreadState>(set => ({
  byServer: {},
  openRoomNews: false,
  setOpenRoomNews: news => set(s => (s.openRoomNews === news ? s : {openRoomNews: news})),
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
