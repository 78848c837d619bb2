import {msg} from '../i18n/index.ts';

/**
 * A short name for the device behind a User-Agent ("Firefox on Windows"), for
 * the sessions list. A guess from well-known tokens, not a full parser: an
 * unknown agent reads "Unknown browser".
 */
export function describeDevice(userAgent: string | null): string {
  if (!userAgent) return msg.devices.unknownDevice;
  const browser =
    BROWSERS.find(([pattern]) => pattern.test(userAgent))?.[1] ??
    (/^[\w.-]+\/[\d.]+/.test(userAgent) ? userAgent.split('/')[0]! : msg.devices.unknownBrowser);
  const os = SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1];
  return os ? msg.devices.browserOnSystem(browser, os) : browser;
}

// Order matters: Edge and Opera say "Chrome", Chrome says "Safari".
const BROWSERS: [RegExp, string][] = [
  [/HeadlessChrome\//, 'Headless Chrome'],
  [/Edg(A|iOS)?\//, 'Edge'],
  [/OPR\/|Opera/, 'Opera'],
  [/Firefox\/|FxiOS\//, 'Firefox'],
  [/Chrome\/|CriOS\/|Chromium\//, 'Chrome'],
  [/Safari\//, 'Safari'],
  [/^curl\//, 'curl'],
];

const SYSTEMS: [RegExp, string][] = [
  [/iPhone|iPad|iPod/, 'iOS'],
  [/Android/, 'Android'],
  [/Windows/, 'Windows'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/CrOS/, 'ChromeOS'],
  [/Linux/, 'Linux'],
];
