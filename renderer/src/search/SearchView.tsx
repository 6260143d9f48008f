// Search: a query box with the syntax in view, filters, and ranked results whose
// snippets mark the matched words. A result opens the article scrolled to the hit
// (or the notebook page).
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { EntitySummary } from '../../../common/api/methods/entities.ts';
import { SEARCH_KINDS, type SearchHit, type SearchKind, type SearchPage } from '../../../common/api/methods/search.ts';
import type { Tag } from '../../../common/api/methods/tags.ts';
import { useApi } from '../api/ApiProvider.tsx';
import { ApiCallError } from '../api/client.ts';
import { formatDate } from '../format.ts';
import { AuthorFilter, useMakers } from '../components/AuthorFilter.tsx';
import { KIND_NAMES, Snippet } from './Snippet.tsx';
import './search.css';

export interface SearchViewProps {
  /** Opens an article scrolled to `offset` in its canonical text (null: the top). */
  onOpenArticle(articleId: number, offset: number | null): void;
  /** Opens a notebook page; without it, notebook pages are not searched. */
  onOpenNote?(noteId: number): void;
  initialQuery?: string;
}

const PAGE_SIZE = 20;

interface Filters {
  kinds: SearchKind[];
  actor: string;
  source: string;
  outlet: string;
  tagId: number | null;
  from: string;
  to: string;
  author: string;
}

const NO_FILTERS: Filters = { kinds: [], actor: '', source: '', outlet: '', tagId: null, from: '', to: '', author: '' };

function messageOf(error: unknown): string {
  return error instanceof ApiCallError ? (error.error.detail ?? error.error.message) : 'The search failed.';
}

export function hitLabel(hit: SearchHit): string {
  return [KIND_NAMES[hit.kind], hit.title, hit.outlet, hit.publishedAt ? formatDate(hit.publishedAt) : null].filter(Boolean).join(', ');
}

export function SearchView({ onOpenArticle, onOpenNote, initialQuery = '' }: SearchViewProps) {
  const api = useApi();
  const [query, setQuery] = useState(initialQuery);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [offset, setOffset] = useState(0);
  // "Rank all" holds for the search it was asked for; a new query or filter goes back to the quick ranking.
  const [rankAllFor, setRankAllFor] = useState<string | null>(null);
  const searchKey = JSON.stringify([query.trim(), filters]);
  const rankAll = rankAllFor === searchKey;
  const [page, setPage] = useState<SearchPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [actors, setActors] = useState<EntitySummary[]>([]);
  const [sources, setSources] = useState<EntitySummary[]>([]);
  const [tags, setTags] = useState<Tag[]>([]);
  const makers = useMakers();
  const request = useRef(0);
  const resultsRef = useRef<HTMLOListElement>(null);
  const ids = { input: useId(), help: useId(), actors: useId(), sources: useId(), status: useId() };

  useEffect(() => {
    const load = () => {
      api.call('entities.list', { kind: 'actor', limit: 5_000 }).then(setActors, () => undefined);
      api.call('entities.list', { kind: 'source', limit: 5_000 }).then(setSources, () => undefined);
      api.call('tags.list', {}).then(setTags, () => undefined);
    };
    load();
    return api.on('library.changed', load);
  }, [api]);

  // Search as the query or filters change (debounced), and on every page change.
  useEffect(() => {
    const text = query.trim();
    if (!text) {
      setPage(null);
      setError(null);
      return;
    }
    const id = ++request.current;
    const timer = setTimeout(() => {
      setBusy(true);
      const kinds = filters.kinds.length ? filters.kinds : onOpenNote ? undefined : SEARCH_KINDS.filter((k) => k !== 'note');
      api
        .call('search.query', {
          query: text,
          kinds,
          actor: filters.actor.trim() ? { name: filters.actor.trim() } : undefined,
          source: filters.source.trim() ? { name: filters.source.trim() } : undefined,
          outlet: filters.outlet.trim() || undefined,
          tagId: filters.tagId ?? undefined,
          from: filters.from || undefined,
          to: filters.to || undefined,
          author: filters.author || undefined,
          offset,
          limit: PAGE_SIZE,
          rankAll,
        })
        .then(
          (result) => {
            if (id !== request.current) return;
            setPage(result);
            setError(null);
          },
          (e: unknown) => {
            if (id !== request.current) return;
            setPage(null);
            setError(messageOf(e));
          },
        )
        .finally(() => id === request.current && setBusy(false));
    }, 250);
    return () => clearTimeout(timer);
  }, [api, query, filters, offset, rankAll, onOpenNote]);

  const change = (patch: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setOffset(0);
  };
  const toggleKind = (kind: SearchKind) => change({ kinds: filters.kinds.includes(kind) ? filters.kinds.filter((k) => k !== kind) : [...filters.kinds, kind] });
  const filtered = JSON.stringify(filters) !== JSON.stringify(NO_FILTERS);

  const open = (hit: SearchHit) => {
    if (hit.kind === 'note') {
      if (hit.noteId !== null) onOpenNote?.(hit.noteId);
    } else if (hit.articleId !== null) onOpenArticle(hit.articleId, hit.offset);
  };

  const focusResult = (index: number) => {
    const buttons = resultsRef.current?.querySelectorAll<HTMLButtonElement>('.cf-search-hit');
    if (!buttons?.length) return;
    buttons[Math.max(0, Math.min(buttons.length - 1, index))]!.focus();
  };
  const onResultsKey = (event: KeyboardEvent<HTMLOListElement>) => {
    const buttons = [...(resultsRef.current?.querySelectorAll<HTMLButtonElement>('.cf-search-hit') ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const moves: Record<string, number> = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: buttons.length - 1 };
    if (event.key in moves) {
      event.preventDefault();
      focusResult(moves[event.key]!);
    }
  };

  const kindsShown = SEARCH_KINDS.filter((k) => k !== 'note' || onOpenNote);
  const last = page ? page.offset + page.hits.length : 0;

  return (
    <section className="cf-search" aria-label="Search">
      <h1 className="visually-hidden">Search the library</h1>
      <form
        role="search"
        className="cf-search-form"
        onSubmit={(event) => {
          event.preventDefault();
          focusResult(0);
        }}
      >
        <label htmlFor={ids.input} className="field-label">
          Search the library
        </label>
        <input
          id={ids.input}
          type="search"
          value={query}
          autoFocus
          dir="auto"
          placeholder='taliban NOT pakistan, "army chief", mediat*'
          aria-describedby={ids.help}
          aria-controls={ids.status}
          onChange={(e) => {
            setQuery(e.target.value);
            setOffset(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              focusResult(0);
            }
          }}
        />
        <p id={ids.help} className="hint">
          All words must match. <code>"exact phrase"</code>, <code>prefix*</code>, <code>AND</code> / <code>OR</code> / <code>NOT</code> in capitals, and
          ( ) to group.
        </p>
      </form>

      <fieldset className="cf-search-filters">
        <legend className="field-label">Filters</legend>
        <div className="cf-search-kinds" role="group" aria-label="Kinds of result">
          {kindsShown.map((kind) => (
            <label key={kind} className={`segment kind-${kind}${filters.kinds.includes(kind) ? ' checked' : ''}`}>
              <input type="checkbox" checked={filters.kinds.includes(kind)} onChange={() => toggleKind(kind)} />
              {KIND_NAMES[kind]}
            </label>
          ))}
        </div>
        <div className="cf-search-filter-grid">
          <label className="field">
            <span className="field-label">Actor</span>
            <input value={filters.actor} list={ids.actors} placeholder="Name or alias" onChange={(e) => change({ actor: e.target.value })} />
          </label>
          <label className="field">
            <span className="field-label">Source</span>
            <input value={filters.source} list={ids.sources} placeholder="Name or alias" onChange={(e) => change({ source: e.target.value })} />
          </label>
          <label className="field">
            <span className="field-label">Outlet</span>
            <input value={filters.outlet} placeholder="e.g. Dawn" onChange={(e) => change({ outlet: e.target.value })} />
          </label>
          <label className="field">
            <span className="field-label">Tag</span>
            <select value={filters.tagId ?? ''} onChange={(e) => change({ tagId: e.target.value ? Number(e.target.value) : null })}>
              <option value="">Any tag</option>
              {tags.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field-label">Published from</span>
            <input type="date" value={filters.from} onChange={(e) => change({ from: e.target.value })} />
          </label>
          <label className="field">
            <span className="field-label">Published to</span>
            <input type="date" value={filters.to} onChange={(e) => change({ to: e.target.value })} />
          </label>
          <AuthorFilter layout="field" label="Made by" names={makers} value={filters.author} onChange={(author) => change({ author })} />
        </div>
        {filtered ? (
          <button type="button" className="link-button" onClick={() => change(NO_FILTERS)}>
            Clear filters
          </button>
        ) : null}
        <datalist id={ids.actors}>
          {actors.map((a) => (
            <option key={a.id} value={a.name} />
          ))}
        </datalist>
        <datalist id={ids.sources}>
          {sources.map((s) => (
            <option key={s.id} value={s.name} />
          ))}
        </datalist>
      </fieldset>

      <div id={ids.status} className="cf-search-status" role="status" aria-live="polite">
        {busy ? 'Searching…' : page ? (page.total === 0 ? 'No results.' : `${page.total === 1 ? '1 result' : `${page.total.toLocaleString()} results`}${page.total > page.hits.length ? `, showing ${page.offset + 1}–${last}` : ''}`) : null}
      </div>
      {page?.rankedWithin && !busy ? (
        <p className="cf-search-window">
          Too many to rank quickly: these are the best of the {page.rankedWithin.toLocaleString()} most recently added matches of each kind.{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setRankAllFor(searchKey);
              setOffset(0);
            }}
          >
            Rank all {page.total.toLocaleString()}
          </button>
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="cf-search-error">
          {error}
        </p>
      ) : null}

      {page && page.hits.length > 0 ? (
        <ol className="cf-search-results" ref={resultsRef} aria-label="Results" onKeyDown={onResultsKey}>
          {page.hits.map((hit) => (
            <li key={`${hit.kind}-${hit.annotationId ?? hit.noteId ?? hit.articleId}`}>
              <button type="button" className="cf-search-hit" aria-label={hitLabel(hit)} onClick={() => open(hit)}>
                <span className="cf-hit-head">
                  <span className={`kind-badge kind-${hit.kind}`}>{KIND_NAMES[hit.kind]}</span>
                  <span className="cf-hit-title" dir="auto">
                    {hit.title}
                  </span>
                </span>
                <span className="cf-hit-meta">
                  {[hit.outlet, hit.publishedAt ? formatDate(hit.publishedAt) : null, hit.entity ? `names ${hit.entity.name}` : null, hit.field === 'note' ? 'in the note' : null]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
                <Snippet segments={hit.snippet} />
              </button>
            </li>
          ))}
        </ol>
      ) : null}

      {page && page.total > PAGE_SIZE ? (
        <nav className="button-row cf-search-pages" aria-label="Result pages">
          <button type="button" className="button" disabled={page.offset === 0} onClick={() => setOffset(Math.max(0, page.offset - PAGE_SIZE))}>
            Previous
          </button>
          <button type="button" className="button" disabled={last >= page.total} onClick={() => setOffset(page.offset + PAGE_SIZE)}>
            Next
          </button>
        </nav>
      ) : null}
    </section>
  );
}
