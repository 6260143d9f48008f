// The command palette (Ctrl/Cmd+K): search as you type across article titles, claims,
// actors, sources and notebook pages; arrow keys move, Enter opens, Escape closes.
// A combobox over a listbox: focus stays in the text field, the active option is
// announced through aria-activedescendant.
import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent, type ReactNode } from 'react';
import type { PaletteResults, SearchHit } from '../../../common/api/methods/search.ts';
import type { EntitySummary } from '../../../common/api/methods/entities.ts';
import { api as defaultClient, type ApiClient } from '../api/client.ts';
import { formatDate } from '../format.ts';
import { Snippet } from './Snippet.tsx';
import './search.css';
import { isComposing } from '../components/keys.ts';

export interface CommandPaletteProps {
  onOpenArticle(articleId: number, offset: number | null): void;
  /** Opens an article at a highlight (claims); without it, claims open through onOpenArticle at their offset. */
  onOpenPassage?(articleId: number, annotationId: number): void;
  onOpenEntity?(kind: 'actor' | 'source', id: number): void;
  onOpenNote?(noteId: number): void;
  /** Controlled visibility; when omitted the palette opens itself on Ctrl/Cmd+K. */
  open?: boolean;
  onOpenChange?(open: boolean): void;
  client?: ApiClient;
}

interface Item {
  key: string;
  group: string;
  label: string;
  detail: string;
  snippet?: SearchHit['snippet'];
  open(): void;
}

const EMPTY: PaletteResults = { articles: [], claims: [], notes: [], actors: [], sources: [] };

export function isPaletteShortcut(event: KeyboardEvent): boolean {
  return (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'k';
}

export function CommandPalette({ onOpenArticle, onOpenPassage, onOpenEntity, onOpenNote, open: controlled, onOpenChange, client = defaultClient }: CommandPaletteProps) {
  const [ownOpen, setOwnOpen] = useState(false);
  const open = controlled ?? ownOpen;
  const setOpen = useCallback(
    (next: boolean) => {
      if (controlled === undefined) setOwnOpen(next);
      onOpenChange?.(next);
    },
    [controlled, onOpenChange],
  );

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isPaletteShortcut(event)) return;
      event.preventDefault();
      setOpen(true);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [setOpen]);

  if (!open) return null;
  return (
    <Palette
      client={client}
      onClose={() => setOpen(false)}
      onOpenArticle={onOpenArticle}
      onOpenPassage={onOpenPassage}
      onOpenEntity={onOpenEntity}
      onOpenNote={onOpenNote}
    />
  );
}

function entityDetail(e: EntitySummary): string {
  const counts = `${e.mentionCount} ${e.mentionCount === 1 ? 'mention' : 'mentions'}, ${e.claimCount} ${e.claimCount === 1 ? 'claim' : 'claims'}`;
  return e.aliases.length ? `${counts} · also ${e.aliases.slice(0, 3).join(', ')}` : counts;
}

function hitDetail(hit: SearchHit): string {
  return [hit.outlet, hit.publishedAt ? formatDate(hit.publishedAt) : null].filter(Boolean).join(' · ');
}

function Palette({
  client,
  onClose,
  onOpenArticle,
  onOpenPassage,
  onOpenEntity,
  onOpenNote,
}: Omit<CommandPaletteProps, 'open' | 'onOpenChange' | 'client'> & { client: ApiClient; onClose(): void }) {
  const [text, setText] = useState('');
  const [results, setResults] = useState<PaletteResults>(EMPTY);
  const [active, setActive] = useState(0);
  const [pending, setPending] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const request = useRef(0);
  const ids = { title: useId(), list: useId(), option: useId() };

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    inputRef.current?.focus();
    return () => previous?.focus?.({ preventScroll: true });
  }, []);

  useEffect(() => {
    const id = ++request.current;
    if (!text.trim()) {
      setResults(EMPTY);
      setPending(false);
      return;
    }
    setPending(true);
    const timer = setTimeout(() => {
      client
        .call('search.palette', { text, limit: 5 })
        .then(
          (found) => {
            if (id !== request.current) return;
            setResults(found);
            setActive(0);
          },
          () => id === request.current && setResults(EMPTY),
        )
        .finally(() => id === request.current && setPending(false));
    }, 120);
    return () => clearTimeout(timer);
  }, [client, text]);

  const items = useMemo<Item[]>(() => {
    const close = (then: () => void) => () => {
      onClose();
      then();
    };
    const list: Item[] = [];
    for (const a of results.articles) {
      list.push({ key: `a${a.articleId}`, group: 'Articles', label: a.title, detail: hitDetail(a), open: close(() => onOpenArticle(a.articleId!, null)) });
    }
    for (const c of results.claims) {
      list.push({
        key: `c${c.annotationId}`,
        group: 'Claims',
        label: c.title,
        detail: hitDetail(c),
        snippet: c.snippet,
        open: close(() => (onOpenPassage ? onOpenPassage(c.articleId!, c.annotationId!) : onOpenArticle(c.articleId!, c.offset))),
      });
    }
    if (onOpenEntity) {
      for (const e of results.actors) list.push({ key: `e${e.id}`, group: 'Actors', label: e.name, detail: entityDetail(e), open: close(() => onOpenEntity('actor', e.id)) });
      for (const e of results.sources) {
        list.push({ key: `e${e.id}`, group: 'Sources', label: e.name, detail: [e.reliability ? `Reliability ${e.reliability}` : null, entityDetail(e)].filter(Boolean).join(' · '), open: close(() => onOpenEntity('source', e.id)) });
      }
    }
    if (onOpenNote) {
      for (const n of results.notes) list.push({ key: `n${n.noteId}`, group: 'Notebook pages', label: n.title, detail: '', open: close(() => onOpenNote(n.noteId!)) });
    }
    return list;
  }, [results, onClose, onOpenArticle, onOpenPassage, onOpenEntity, onOpenNote]);

  const current = Math.min(active, items.length - 1);
  const onKeyDown = (event: ReactKeyboardEvent) => {
    if (isComposing(event)) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (items.length) setActive((current + (event.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      items[current]?.open();
    } else if (event.key === 'Tab') {
      // The text field is the palette's only stop: keep focus inside the dialog.
      event.preventDefault();
    }
  };

  useEffect(() => {
    document.getElementById(`${ids.option}-${current}`)?.scrollIntoView?.({ block: 'nearest' });
  }, [current, ids.option]);

  const grouped: ReactNode[] = [];
  let index = 0;
  for (const group of ['Articles', 'Claims', 'Actors', 'Sources', 'Notebook pages']) {
    const members = items.filter((i) => i.group === group);
    if (members.length === 0) continue;
    const headingId = `${ids.list}-${group.replace(/\s/g, '')}`;
    grouped.push(
      <div key={group} role="group" aria-labelledby={headingId} className="cf-palette-group">
        <div id={headingId} className="cf-palette-heading" role="presentation">
          {group}
        </div>
        {members.map((item) => {
          const i = index++;
          return (
            <div
              key={item.key}
              id={`${ids.option}-${i}`}
              role="option"
              aria-selected={i === current}
              className={i === current ? 'cf-palette-option active' : 'cf-palette-option'}
              onMouseDown={(e) => e.preventDefault()}
              onMouseMove={() => i !== current && setActive(i)}
              onClick={item.open}
            >
              <span className="cf-palette-label" dir="auto">
                {item.label}
              </span>
              {item.snippet ? <Snippet segments={item.snippet} className="cf-snippet cf-palette-snippet" /> : null}
              {item.detail ? <span className="cf-palette-detail">{item.detail}</span> : null}
            </div>
          );
        })}
      </div>,
    );
  }

  return (
    <div className="cf-palette-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="cf-palette" role="dialog" aria-modal="true" aria-labelledby={ids.title} onKeyDown={onKeyDown}>
        <h2 id={ids.title} className="visually-hidden">
          Go to an article, claim, actor or source
        </h2>
        <input
          ref={inputRef}
          className="cf-palette-input"
          type="text"
          role="combobox"
          dir="auto"
          aria-label="Search articles, claims, actors and sources"
          aria-expanded={items.length > 0}
          aria-controls={ids.list}
          aria-autocomplete="list"
          aria-activedescendant={items.length ? `${ids.option}-${current}` : undefined}
          placeholder="Search articles, claims, actors, sources…"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <div id={ids.list} role="listbox" aria-label="Matches" className="cf-palette-list">
          {grouped}
        </div>
        {text.trim() && !pending && items.length === 0 ? <p className="cf-palette-empty">Nothing matches “{text.trim()}”.</p> : null}
        <p className="cf-palette-keys" aria-hidden="true">
          <kbd>↑</kbd> <kbd>↓</kbd> to move · <kbd>Enter</kbd> to open · <kbd>Esc</kbd> to close
        </p>
      </div>
    </div>
  );
}
