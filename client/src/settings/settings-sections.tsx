import type {ComponentType} from 'react';
import {Navigate, type RouteObject} from 'react-router';
import {lazyPage} from '../lib/lazy-page.tsx';
import {settingsMsg} from '../i18n/settings.ts';

/**
 * The sections of `/settings`, in the order of its nav. A new section (Agents,
 * Friends) is one entry here: the nav and the nested routes are both built
 * from this list. Each section's code loads when it is opened.
 */
export const settingsSections: {path: string; label: string; load: () => Promise<ComponentType>}[] = [
  {
    path: 'profile',
    label: settingsMsg.sections.profile,
    load: async () => (await import('./profile-section.tsx')).ProfileSection,
  },
  {
    path: 'sessions',
    label: settingsMsg.sections.sessions,
    load: async () => (await import('./sessions-section.tsx')).SessionsSection,
  },
  {
    path: 'appearance',
    label: settingsMsg.sections.appearance,
    load: async () => (await import('./appearance-section.tsx')).AppearanceSection,
  },
  {
    path: 'notifications',
    label: settingsMsg.sections.notifications,
    load: async () => (await import('./notifications-section.tsx')).NotificationsSection,
  },
  {
    path: 'agents',
    label: settingsMsg.sections.agents,
    load: async () => (await import('../agents/agents-section.tsx')).AgentsSection,
  },
];

// One agent's page, under its section in the nav (which stays marked while it is open).
const AgentPage = lazyPage(async () => (await import('../agents/agent-page.tsx')).AgentPage);

/** The children of the `/settings` route: `/settings` opens the first section. */
export const settingsRoutes: RouteObject[] = [
  {index: true, element: <Navigate to={settingsSections[0]!.path} replace />},
  ...settingsSections.map(({path, load}) => {
    const Section = lazyPage(load);
    return {path, element: <Section />};
  }),
  {path: 'agents/:agentId', element: <AgentPage />},
];
