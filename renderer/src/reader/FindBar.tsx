// Find in the article: the keyboard's way to a passage. Enter selects the next match in
// the text (Shift+Enter the previous); Escape closes the bar and returns focus to the
// text with the match still selected, ready to extend with Shift+arrows and to tag.
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { ReaderController } from './HighlightsPlugin.tsx';
import { selectRange } from './liveText.ts';
import { scrollIntoViewSettled } from './scrollSettled.ts';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Every occurrence of `query` in `text`, case-insensitively, as canonical ranges. */
export function findAll(text: string, query: string): { start: number; end: number }[] {
  const q = query.trim();
  if (!q) return [];
  const re = new RegExp(escapeRegExp(q).replace(/\s+/g, '\\s+'), 'giu');
  const out: { start: number; end: number }[] = [];
  for (const m of text.matchAll(re)) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}

export function FindBar({ controller, onClose }: { controller: ReaderController; onClose(returnToText: boolean): void }) {
  const id = useId();
  const [query, setQuery] = useState('');
  const [index, setIndex] = useState(-1);
  const input = useRef<HTMLInputElement>(null);
  const matches = useMemo(() => (controller.editor ? findAll(controller.liveText().text, query) : []), [controller, query]);

  useEffect(() => {
    input.current?.focus();
  }, []);

  useEffect(() => setIndex(-1), [query]);

  const go = (step: 1 | -1) => {
    const editor = controller.editor;
    if (!editor || matches.length === 0) return;
    const next = (index + step + matches.length) % matches.length;
    setIndex(next);
    const match = matches[next]!;
    selectRange(editor, controller.liveText(), match);
    const selection = window.getSelection();
    const rect = selection && selection.rangeCount ? selection.getRangeAt(0).getBoundingClientRect() : null;
    const node = selection?.anchorNode;
    const element = node instanceof Element ? node : node?.parentElement;
    if (element && rect && (rect.top < 80 || rect.bottom > window.innerHeight - 40)) scrollIntoViewSettled(element, { block: 'center' });
  };

  return (
    <div className="find-bar" role="search">
      <label htmlFor={id} className="visually-hidden">
        Find in article
      </label>
      <input
        ref={input}
        id={id}
        type="search"
        placeholder="Find in article"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            go(e.shiftKey ? -1 : 1);
          } else if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            onClose(true);
          }
        }}
      />
      <span className="find-count" aria-live="polite">
        {query.trim() ? (matches.length === 0 ? 'No matches' : index >= 0 ? `${index + 1} of ${matches.length}` : `${matches.length} ${matches.length === 1 ? 'match' : 'matches'}`) : ''}
      </span>
      <button type="button" className="button" onClick={() => go(-1)} disabled={matches.length === 0} aria-label="Previous match">
        ↑
      </button>
      <button type="button" className="button" onClick={() => go(1)} disabled={matches.length === 0} aria-label="Next match">
        ↓
      </button>
      <button type="button" className="button" onClick={() => onClose(true)}>
        Done
      </button>
    </div>
  );
}
