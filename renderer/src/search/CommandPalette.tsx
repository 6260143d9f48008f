// The command palette (Ctrl/Cmd+K): search as you type across article titles, claims,
// actors, sources and notebook pages; arrow keys move, Enter opens, Escape closes.
// A combobox over a listbox (React Aria, through usePickList): focus stays in the text field,
// the active option is announced through aria-activedescendant.
import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent, type RefObject } from 'react';
import type { PaletteResults, SearchHit } from '../../../common/api/methods/search.ts';
import type { EntitySummary } from '../../../common/api/methods/entities.ts';
import { api as defaultClient, type ApiClient } from '../api/client.ts';
import { formatDate } from '../format.ts';
import { Snippet } from './Snippet.tsx';
import './search.css';
import { isComposing } from '../components/keys.ts';
import { PickOption, PickSection, usePickList, type PickGroup } from '../components/usePickList.tsx';

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

const GROUPS = ['Articles', 'Claims', 'Actors', 'Sources', 'Notebook pages'];
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
  const [pending, setPending] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const request = useRef(0);
  const ids = { title: useId() };

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

  const groups = useMemo<PickGroup<Item>[]>(
    () => GROUPS.map((title) => ({ title, items: items.filter((i) => i.group === title) })).filter((g) => g.items.length > 0),
    [items],
  );
  const list = usePickList<Item>({ items: groups, grouped: true, keyOf: (i) => i.key, textOf: (i) => i.label, label: 'Matches', onPick: (i) => i.open(), wrap: true });

  const onKeyDown = (event: ReactKeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape' && !isComposing(event)) {
      event.preventDefault();
      event.stopPropagation();
      onClose();
    } else if (event.key === 'Tab') {
      // The text field is the palette's only stop: keep focus inside the dialog.
      event.preventDefault();
    } else {
      list.fieldProps.onKeyDown?.(event);
    }
  };

  return (
    <div className="cf-palette-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="cf-palette" role="dialog" aria-modal="true" aria-labelledby={ids.title}>
        <h2 id={ids.title} className="visually-hidden">
          Go to an article, claim, actor or source
        </h2>
        <input
          ref={inputRef}
          className="cf-palette-input"
          type="text"
          {...list.fieldProps}
          dir="auto"
          aria-label="Search articles, claims, actors and sources"
          placeholder="Search articles, claims, actors, sources…"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <div {...list.listBoxProps} ref={list.listRef as RefObject<HTMLDivElement>} className="cf-palette-list">
          {[...list.state.collection].map((section) => (
            <PickSection
              key={section.key}
              state={list.state}
              node={section}
              className="cf-palette-group"
              headingClassName="cf-palette-heading"
              renderOption={(node) => (
                <PickOption key={node.key} as="div" state={list.state} node={node} className="cf-palette-option">
                  <span className="cf-palette-label" dir="auto">
                    {node.value!.label}
                  </span>
                  {node.value!.snippet ? <Snippet segments={node.value!.snippet} className="cf-snippet cf-palette-snippet" /> : null}
                  {node.value!.detail ? <span className="cf-palette-detail">{node.value!.detail}</span> : null}
                </PickOption>
              )}
            />
          ))}
        </div>
        {text.trim() && !pending && items.length === 0 ? <p className="cf-palette-empty">Nothing matches “{text.trim()}”.</p> : null}
        <p className="cf-palette-keys" aria-hidden="true">
          <kbd>↑</kbd> <kbd>↓</kbd> to move · <kbd>Enter</kbd> to open · <kbd>Esc</kbd> to close
        </p>
      </div>
    </div>
  );
}
