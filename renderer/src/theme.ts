// Theme preference: stored per machine in localStorage, applied as
// data-theme on <html> so the CSS variables in styles/theme.css switch.
import { useCallback, useSyncExternalStore } from 'react';

export const THEME_CHOICES = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];

const STORAGE_KEY = 'spending.theme';
const darkQuery = () => window.matchMedia('(prefers-color-scheme: dark)');
const listeners = new Set<() => void>();

function isThemeChoice(value: unknown): value is ThemeChoice {
  return THEME_CHOICES.includes(value as ThemeChoice);
}

function readThemeChoice(): ThemeChoice {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return isThemeChoice(stored) ? stored : 'system';
  } catch {
    // Storage can be unavailable (privacy settings); the OS preference is a fine fallback.
    return 'system';
  }
}

function applyTheme(): void {
  const choice = readThemeChoice();
  const resolved = choice === 'system' ? (darkQuery().matches ? 'dark' : 'light') : choice;
  document.documentElement.dataset.theme = resolved;
}

function setThemeChoice(choice: ThemeChoice): void {
  try {
    localStorage.setItem(STORAGE_KEY, choice);
  } catch {
    // Not persisted, but still applied for this session.
  }
  applyTheme();
  for (const listener of listeners) listener();
}

/** Call once before the first render so the page never flashes the wrong theme. */
export function initTheme(): void {
  applyTheme();
  darkQuery().addEventListener('change', applyTheme);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useThemeChoice(): [ThemeChoice, (choice: ThemeChoice) => void] {
  const choice = useSyncExternalStore(subscribe, readThemeChoice);
  const set = useCallback((next: ThemeChoice) => setThemeChoice(next), []);
  return [choice, set];
}
