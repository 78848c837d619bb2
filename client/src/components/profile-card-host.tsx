import {lazy, Suspense} from 'react';
import {create} from 'zustand';

/** What a card shows of someone: their public profile (SPEC AC8), as the synced rows carry it. */
export type Profile = {
  id: string;
  username: string;
  pictureUrl?: string | null | undefined;
  externalLink?: string | null | undefined;
  userType?: 'human' | 'ai_agent' | undefined;
};

// The card loads when first opened: it is not part of the room's first paint.
const ProfileCard = lazy(() => import('./profile-card.tsx'));

const useProfileStore = create<{open: Profile | undefined}>(() => ({open: undefined}));

/** Opens the profile card of `profile` (any name or avatar in the app calls this). */
export const openProfile = (profile: Profile) => useProfileStore.setState({open: profile});

/** Where the card shows: mounted once, in the app shell. */
export function ProfileCardHost() {
  const open = useProfileStore(s => s.open);
  return open ? (
    <Suspense fallback={null}>
      <ProfileCard key={open.id} profile={open} onClose={() => useProfileStore.setState({open: undefined})} />
    </Suspense>
  ) : null;
}
