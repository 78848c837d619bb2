import {StrictMode} from 'react';
import {createRoot} from 'react-dom/client';
import {App} from './app.tsx';
import {language} from './i18n/index.ts';
import {trackViewportHeight} from './lib/viewport-height.ts';
import {applyTheme, usePrefsStore} from './stores/prefs-store.ts';
import './styles.css';

// Before the first render, so the page never flashes the wrong theme.
applyTheme(usePrefsStore.getState().theme);
usePrefsStore.subscribe(s => applyTheme(s.theme));
window
  .matchMedia('(prefers-color-scheme: dark)')
  .addEventListener('change', () => applyTheme(usePrefsStore.getState().theme));
trackViewportHeight();
// Screen readers pick their voice, and browsers their hyphenation, by the page's language.
document.documentElement.lang = language;

// [OF1] [PWA1] The service worker that boots the next visit with no network.
// Loaded after the page, so none of it weighs on the first paint.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener(
    'load',
    () => void import('./lib/service-worker.ts').then(({registerServiceWorker}) => registerServiceWorker()),
    {once: true},
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
