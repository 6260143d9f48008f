// Keyboard shortcuts, declared once: the handlers, the tooltips and the help sheet all
// read this table. Tagging keys are plain letters, which is safe because they only act
// while text is selected in the read-only article and focus is not in a text field;
// undo/redo use the platform's own chord, and nothing takes a browser or system key.
import type { AnnotationKind } from '../../../common/api/methods/annotations.ts';

export const isMac = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
export const MOD = isMac ? '⌘' : 'Ctrl';

export const KIND_KEYS: Record<AnnotationKind, string> = { claim: 'C', actor: 'A', source: 'S', highlight: 'H' };

export function kindForKey(key: string): AnnotationKind | null {
  switch (key.toLowerCase()) {
    case 'c':
      return 'claim';
    case 'a':
      return 'actor';
    case 's':
      return 'source';
    case 'h':
      return 'highlight';
    default:
      return null;
  }
}

export interface Shortcut {
  keys: string[];
  description: string;
}

export interface ShortcutGroup {
  title: string;
  shortcuts: Shortcut[];
}

export const SHORTCUT_GROUPS: ShortcutGroup[] = [
  {
    title: 'Tagging selected text',
    shortcuts: [
      { keys: ['C'], description: 'Tag the selection as a claim' },
      { keys: ['A'], description: 'Tag the selection as an actor' },
      { keys: ['S'], description: 'Tag the selection as a source' },
      { keys: ['H'], description: 'Highlight the selection' },
      { keys: ['1', '…', '9'], description: 'Tag the selection with one of your tags (in toolbar order)' },
    ],
  },
  {
    title: 'Reading and selecting with the keyboard',
    shortcuts: [
      { keys: ['/'], description: 'Find in the article; Enter selects the next match, Escape returns to the text with it selected' },
      { keys: ['←', '→'], description: 'Move the reading caret by a character (in the article text)' },
      { keys: [MOD === '⌘' ? '⌥' : 'Ctrl', '←', '→'], description: 'Move by a word' },
      { keys: ['↑', '↓', 'Home', 'End'], description: 'Move by a line, to the start or end of a line' },
      { keys: ['Shift', '+ any of these'], description: 'Extend the selection instead of moving' },
      { keys: ['Enter'], description: 'Open the highlight at the caret' },
      { keys: ['Esc'], description: 'Close a popover, the toolbar or the find bar' },
    ],
  },
  {
    title: 'Everywhere',
    shortcuts: [
      { keys: [MOD, 'Z'], description: 'Undo the last highlight action' },
      { keys: [MOD, 'Shift', 'Z'], description: 'Redo' },
      { keys: ['?'], description: 'Show this help' },
    ],
  },
];

/** True when a key event belongs to a text field or rich-text editor, which keep their own keys. */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file'].includes(target.type);
  return false;
}

export function isUndo(event: KeyboardEvent): boolean {
  return (isMac ? event.metaKey : event.ctrlKey) && !event.shiftKey && !event.altKey && event.key.toLowerCase() === 'z';
}

export function isRedo(event: KeyboardEvent): boolean {
  const mod = isMac ? event.metaKey : event.ctrlKey;
  if (!mod || event.altKey) return false;
  return (event.shiftKey && event.key.toLowerCase() === 'z') || (!isMac && !event.shiftKey && event.key.toLowerCase() === 'y');
}

/** A bare key: no Ctrl, Alt or Meta held. */
export function isPlainKey(event: KeyboardEvent): boolean {
  return !event.ctrlKey && !event.altKey && !event.metaKey;
}
