import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * Returns the options of the main window. The renderer is untrusted: it runs
 * isolated and sandboxed, without Node, and reaches the back end only
 * through the preload bridge.
 */
export function mainWindowOptions(
  preload: string,
): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Embark',
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
    },
  };
}

/**
 * Returns the Content Security Policy of every renderer page: no remote
 * content and no `eval`. `connectSources` adds origins the page may
 * connect to, such as the headless host's own WebSocket origin.
 */
export function contentSecurityPolicy(connectSources: string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${["'self'", ...connectSources].join(' ')}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
