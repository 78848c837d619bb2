import type {ReactNode} from 'react';
import {Navigate, type RouteObject} from 'react-router';
import {AppearanceSection} from './appearance-section.tsx';
import {NotificationsSection} from './notifications-section.tsx';
import {ProfileSection} from './profile-section.tsx';
import {SessionsSection} from './sessions-section.tsx';
import {msg} from '../i18n/index.ts';

/**
 * The sections of `/settings`, in the order of its nav. A new section (Agents,
 * Friends) is one entry here: the nav and the nested routes are both built
 * from this list.
 */
export const settingsSections: {path: string; label: string; element: ReactNode}[] = [
  {path: 'profile', label: msg.settings.sections.profile, element: <ProfileSection />},
  {path: 'sessions', label: msg.settings.sections.sessions, element: <SessionsSection />},
  {path: 'appearance', label: msg.settings.sections.appearance, element: <AppearanceSection />},
  {path: 'notifications', label: msg.settings.sections.notifications, element: <NotificationsSection />},
];

/** The children of the `/settings` route: `/settings` opens the first section. */
export const settingsRoutes: RouteObject[] = [
  {index: true, element: <Navigate to={settingsSections[0]!.path} replace />},
  ...settingsSections.map(({path, element}) => ({path, element})),
];
