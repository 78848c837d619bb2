/**
 * Keeps `--app-height` (the height of the app's root, see styles.css) equal to
 * the visible part of the page, so the composer stays above a phone's
 * on-screen keyboard. Chrome on Android already shrinks the layout for the
 * keyboard (`interactive-widget=resizes-content` in index.html), where `100dvh`
 * is enough; iOS Safari ignores that setting and only shrinks the visual
 * viewport. A pinch-zoom also shrinks the visual viewport: the layout must not
 * follow that, so only an unzoomed viewport counts.
 */
export function trackViewportHeight(): void {
  const viewport = window.visualViewport;
  if (!viewport) return;
  const fit = () => {
    if (Math.abs(viewport.scale - 1) > 0.01) return;
    document.documentElement.style.setProperty('--app-height', `${Math.round(viewport.height)}px`);
  };
  viewport.addEventListener('resize', fit);
  fit();
}
