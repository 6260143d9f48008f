// The colour theme: follows the operating system (prefers-color-scheme, which Electron feeds
// from nativeTheme) unless the user picks Light or Dark in the help sheet. The choice is a
// per-machine display preference, so it lives in localStorage, not in the library.
import { useSyncExternalStore } from 'react';

export type ThemeChoice = 'system' | 'light' | 'dark';
export const THEME_CHOICES: { value: ThemeChoice; label: string }[] = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

const KEY = 'casefile.theme';
const listeners = new Set<() => void>();
const darkQuery = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;

export function themeChoice(): ThemeChoice {
  try {
    const stored = localStorage.getItem(KEY);
    return stored === 'light' || stored === 'dark' ? stored : 'system';
  } catch {
    return 'system';
  }
}

/** Light or dark, as the app is drawn now. */
export function resolvedTheme(choice = themeChoice()): 'light' | 'dark' {
  if (choice !== 'system') return choice;
  return darkQuery?.matches ? 'dark' : 'light';
}

/** Puts the resolved theme on <html data-theme>, where styles.css picks its colours. */
export function applyTheme(): void {
  const theme = resolvedTheme();
  document.documentElement.dataset.theme = theme;
  document.documentElement.style.colorScheme = theme;
}

export function setThemeChoice(choice: ThemeChoice): void {
  try {
    if (choice === 'system') localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, choice);
  } catch {
    // Storage refused (private mode): the choice still holds until the window closes.
  }
  applyTheme();
  for (const l of listeners) l();
}

/** Starts following the system: called once before the first render, so there is no flash. */
export function startTheme(): void {
  applyTheme();
  darkQuery?.addEventListener('change', () => {
    applyTheme();
    for (const l of listeners) l();
  });
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useThemeChoice(): ThemeChoice {
  return useSyncExternalStore(subscribe, themeChoice);
}
