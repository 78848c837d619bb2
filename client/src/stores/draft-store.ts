import {create} from 'zustand';

/** Unsent text per room, kept when the user switches rooms (and across re-renders). */
type DraftState = {
  drafts: Record<string, string>;
  setDraft: (roomID: string, text: string) => void;
};

export const useDraftStore = create<DraftState>(set => ({
  drafts: {},
  setDraft: (roomID, text) =>
    set(s => {
      const drafts = {...s.drafts};
      if (text) drafts[roomID] = text;
      else delete drafts[roomID];
      return {drafts};
    }),
}));
