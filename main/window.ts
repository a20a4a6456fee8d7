// The main window. The webPreferences are the first line of defence (see
// ARCHITECTURE.md, Security); security.ts adds the app-wide rules.
import { BrowserWindow, nativeTheme, type BrowserWindowConstructorOptions } from 'electron';
import type { Logger } from './log.js';

// Painted before the renderer's first frame, so the window does not flash white in dark mode.
const BACKGROUND = { dark: '#15171c', light: '#ffffff' };

const background = () => (nativeTheme.shouldUseDarkColors ? BACKGROUND.dark : BACKGROUND.light);

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    title: 'Spending',
    width: 1280,
    height: 820,
    minWidth: 880,
    minHeight: 560,
    show: false,
    backgroundColor: background(),
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // The spellchecker fetches dictionaries from Google's CDN on Linux and Windows.
      spellcheck: false,
    },
  };
}

export function createMainWindow(url: string, preloadPath: string, log: Logger): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(preloadPath)); // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK: contextIsolation and sandbox are on in mainWindowOptions above (the scan cannot follow the call); a middle-click's new window meets the window-open handler, which denies it (security.ts)
  window.once('ready-to-show', () => window.show());
  const onThemeChange = () => window.setBackgroundColor(background());
  nativeTheme.on('updated', onThemeChange);
  window.on('closed', () => nativeTheme.off('updated', onThemeChange));
  window.loadURL(url).catch((error: unknown) => {
    log.error('The window could not load the app', error);
    // ready-to-show may never come; an empty window beats an invisible running app.
    if (!window.isDestroyed()) window.show();
  });
  return window;
}
