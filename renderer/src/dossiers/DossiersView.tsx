// The dossier builder (?view=dossiers&id=DOSSIER): name a dossier, choose and order its
// articles and notebook pages, choose which highlights show, fill in the cover, and
// export it. The export comes back as bytes and is saved as a download: the page never
// names a path (the desktop app's save dialog will take over there).
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { ANNOTATION_KINDS, type AnnotationKind } from '../../../common/api/methods/annotations.ts';
import type { ArticleCursor, ArticleSummary } from '../../../common/api/methods/articles.ts';
import type { Dossier, DossierItemRef, DossierSummary, ExportFormat, ExportProgress } from '../../../common/api/methods/dossiers.ts';
import type { NoteSummary } from '../../../common/api/methods/notes.ts';
import { useApi } from '../api/ApiProvider.tsx';
import { ApiCallError } from '../api/client.ts';
import { usePagedSearch } from '../components/usePagedSearch.ts';
import { formatDate } from '../format.ts';
import { useNavigate } from '../shell/navigation.tsx';
import type { Route } from '../shell/route.ts';
import { useServices } from '../shell/services.tsx';
import './dossiers.css';
import { useLibraryChanged } from '../api/useLibraryChanged.ts';

const KIND_LABELS: Record<AnnotationKind, string> = { claim: 'Claims', actor: 'Actors', source: 'Sources', highlight: 'Plain highlights' };

const FORMAT_CHOICES: { format: ExportFormat; label: string; short: string; hint: string }[] = [
  { format: 'pdf', label: 'PDF', short: 'PDF', hint: 'The finished dossier: cover, contents, articles, claims, actors and sources.' },
  { format: 'html', label: 'Web page (HTML)', short: 'HTML', hint: 'The same document as one self-contained file for a browser.' },
  { format: 'md', label: 'Markdown', short: 'Markdown', hint: 'Every quote with its citation, for notes and drafts.' },
  { format: 'csv', label: 'Spreadsheet (CSV)', short: 'CSV', hint: 'One row per highlight with every field, for Excel or R.' },
  { format: 'w3c', label: 'Web Annotations (JSON-LD)', short: 'JSON-LD', hint: 'The W3C standard, for other annotation tools.' },
  { format: 'qdpx', label: 'REFI-QDA project (.qdpx)', short: 'QDPX', hint: 'Articles, coded highlights, codes, pages and the dossier as a set, for NVivo, ATLAS.ti, MAXQDA or QualCoder.' },
];

const PHASES: Record<ExportProgress['phase'], string> = {
  collecting: 'Reading the library',
  building: 'Laying out the articles',
  printing: 'Printing',
  numbering: 'Numbering the contents',
  done: 'Done',
};

function refOf(item: Dossier['items'][number]): DossierItemRef {
  return item.type === 'article' ? { articleId: item.articleId } : { noteId: item.noteId };
}

function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Saves bytes as a download; the browser asks where, or uses its downloads folder. */
function download(bytes: Uint8Array<ArrayBuffer>, fileName: string, mimeType: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type: mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // Long enough for the download to start; the object would otherwise live as long as the page.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function newExportId(): string {
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `export-${Date.now()}-${Math.floor(Math.random() * 1e9)}`;
}

export function DossiersView({ route }: { route: Route }) {
  const api = useApi();
  const { reportError, announce } = useServices();
  const navigate = useNavigate();
  const [dossiers, setDossiers] = useState<DossierSummary[] | null>(null);

  const load = useCallback(() => {
    api.call('dossiers.list', {}).then(setDossiers, (e: unknown) => reportError(e, 'Could not list the dossiers'));
  }, [api, reportError]);

  useEffect(() => {
    load();
  }, [load]);
  useLibraryChanged(load, { kinds: ['dossier'] });

  const create = () => {
    api.call('dossiers.create', { name: 'Untitled dossier' }).then(
      (d) => {
        load();
        navigate({ view: 'dossiers', id: d.id });
      },
      (e: unknown) => reportError(e, 'Could not create a dossier'),
    );
  };

  return (
    <div className="split-view dossiers">
      <nav className="list-pane" aria-label="Dossiers">
        <div className="list-heading">
          {/* The view's level-one heading while no dossier is open; an open one's name takes it over. */}
          {route.id ? <h2>Dossiers</h2> : <h1>Dossiers</h1>}
          <span className="list-count">{dossiers ? dossiers.length : ''}</span>
        </div>
        <div className="list-tools">
          <button type="button" className="button primary" onClick={create}>
            New dossier
          </button>
        </div>
        {dossiers && dossiers.length === 0 ? (
          <p className="list-empty">No dossiers yet. A dossier gathers articles and notebook pages into one document to send: PDF, Markdown, CSV or Web Annotations.</p>
        ) : null}
        <ul className="entity-list">
          {dossiers?.map((d) => (
            <li key={d.id}>
              <button
                type="button"
                className={d.id === route.id ? 'list-item selected' : 'list-item'}
                aria-current={d.id === route.id ? 'true' : undefined}
                onClick={() => navigate({ view: 'dossiers', id: d.id })}
              >
                <span className="list-item-title" dir="auto">{d.name}</span>
                <span className="list-item-meta">
                  {d.articleCount} {d.articleCount === 1 ? 'article' : 'articles'}
                  {d.noteCount ? ` · ${d.noteCount} ${d.noteCount === 1 ? 'page' : 'pages'}` : ''} · {formatDate(d.updatedAt)}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <section className="page-pane" aria-label="Dossier">
        {route.id ? (
          <DossierEditor
            key={route.id}
            id={route.id}
            onDeleted={(name) => {
              load();
              announce(`Deleted dossier “${name}”.`);
              navigate({ view: 'dossiers' });
            }}
            onOpenArticle={(articleId) => navigate({ view: 'library', id: articleId })}
          />
        ) : (
          <div className="reader-empty">
            <p>Choose a dossier, or make a new one.</p>
          </div>
        )}
      </section>
    </div>
  );
}

interface EditorProps {
  id: number;
  onDeleted(name: string): void;
  onOpenArticle(articleId: number): void;
}

function DossierEditor({ id, onDeleted, onOpenArticle }: EditorProps) {
  const api = useApi();
  const { reportError, tags } = useServices();
  const [dossier, setDossier] = useState<Dossier | null>(null);
  const [missing, setMissing] = useState(false);

  useEffect(() => {
    let current = true;
    api.call('dossiers.get', { id }).then(
      (d) => current && setDossier(d),
      (e: unknown) => {
        if (!current) return;
        if (e instanceof ApiCallError && e.error.code === 'NOT_FOUND') setMissing(true);
        else reportError(e, 'Could not open the dossier');
      },
    );
    return () => {
      current = false;
    };
  }, [api, id, reportError]);

  const save = useCallback(
    (change: Promise<Dossier>, doing: string) => {
      change.then(setDossier, (e: unknown) => reportError(e, doing));
    },
    [reportError],
  );

  if (missing) {
    return (
      <div className="reader-empty">
        <p>This dossier no longer exists.</p>
      </div>
    );
  }
  if (!dossier) return <div className="dossier-loading" aria-busy="true" />;

  const setItems = (items: DossierItemRef[]) => save(api.call('dossiers.setItems', { id, items }), 'Could not change the contents');
  const refs = dossier.items.map(refOf);
  const move = (index: number, by: -1 | 1) => {
    const next = [...refs];
    const [item] = next.splice(index, 1);
    next.splice(index + by, 0, item!);
    setItems(next);
  };

  const remove = () => {
    if (!window.confirm(`Delete the dossier “${dossier.name}”? The articles and notebook pages stay in the library.`)) return;
    api.call('dossiers.delete', { id }).then(
      () => onDeleted(dossier.name),
      (e: unknown) => reportError(e, 'Could not delete the dossier'),
    );
  };

  return (
    <article className="dossier-editor" aria-labelledby="dossier-heading">
      <header className="dossier-header">
        <h1 id="dossier-heading" dir="auto">
          {dossier.name}
        </h1>
        <p className="muted">
          {dossier.articleCount} {dossier.articleCount === 1 ? 'article' : 'articles'}
          {dossier.noteCount ? `, ${dossier.noteCount} notebook ${dossier.noteCount === 1 ? 'page' : 'pages'}` : ''} · changed {formatDate(dossier.updatedAt)}
        </p>
      </header>

      <CoverForm dossier={dossier} onSave={(patch) => save(api.call('dossiers.update', { id, ...patch }), 'Could not save the cover')} />

      <section className="dossier-section" aria-labelledby="dossier-contents">
        <h2 id="dossier-contents">Contents</h2>
        {dossier.items.length === 0 ? <p className="hint">Nothing in this dossier yet: add articles or notebook pages below.</p> : null}
        <ol className="dossier-items">
          {dossier.items.map((item, index) => (
            <li key={item.id} className="dossier-item">
              <span className="dossier-item-kind">{item.type === 'article' ? 'Article' : 'Page'}</span>
              <span className="dossier-item-text">
                {item.type === 'article' ? (
                  <button type="button" className="link-button dossier-item-title" dir="auto" onClick={() => onOpenArticle(item.articleId)}>
                    {item.title}
                  </button>
                ) : (
                  <span className="dossier-item-title" dir="auto">
                    {item.title}
                  </span>
                )}
                <span className="dossier-item-meta">
                  {item.type === 'article'
                    ? [item.outlet ?? 'Unknown outlet', item.publishedAt ? formatDate(item.publishedAt) : null, `${item.annotationCount} ${item.annotationCount === 1 ? 'highlight' : 'highlights'}`].filter(Boolean).join(' · ')
                    : `Notebook page · changed ${formatDate(item.updatedAt)}`}
                </span>
              </span>
              <span className="dossier-item-tools">
                <button type="button" className="icon-button" aria-label={`Move “${item.title}” up`} disabled={index === 0} onClick={() => move(index, -1)}>
                  ↑
                </button>
                <button type="button" className="icon-button" aria-label={`Move “${item.title}” down`} disabled={index === dossier.items.length - 1} onClick={() => move(index, 1)}>
                  ↓
                </button>
                <button type="button" className="icon-button" aria-label={`Remove “${item.title}” from the dossier`} onClick={() => setItems(refs.filter((_, i) => i !== index))}>
                  ×
                </button>
              </span>
            </li>
          ))}
        </ol>
        <AddItems
          dossier={dossier}
          tags={tags}
          onAdd={(input) => save(api.call('dossiers.addItems', { id, ...input }), 'Could not add to the dossier')}
        />
      </section>

      <section className="dossier-section" aria-labelledby="dossier-filter">
        <h2 id="dossier-filter">Highlights shown</h2>
        <fieldset className="dossier-kinds">
          <legend className="field-label">Kinds</legend>
          {ANNOTATION_KINDS.map((kind) => (
            <label key={kind} className={`dossier-kind kind-${kind}`}>
              <input
                type="checkbox"
                checked={dossier.filter.kinds.includes(kind)}
                onChange={(event) => {
                  const kinds = event.target.checked ? [...dossier.filter.kinds, kind] : dossier.filter.kinds.filter((k) => k !== kind);
                  save(api.call('dossiers.update', { id, filter: { ...dossier.filter, kinds } }), 'Could not change the highlights shown');
                }}
              />
              {KIND_LABELS[kind]}
            </label>
          ))}
        </fieldset>
        {tags.length > 0 ? (
          <fieldset className="dossier-tags">
            <legend className="field-label">Only highlights tagged (none ticked: all)</legend>
            {tags.map((tag) => (
              <label key={tag.id} className="dossier-tag">
                <input
                  type="checkbox"
                  checked={dossier.filter.tagIds.includes(tag.id)}
                  onChange={(event) => {
                    const tagIds = event.target.checked ? [...dossier.filter.tagIds, tag.id] : dossier.filter.tagIds.filter((t) => t !== tag.id);
                    save(api.call('dossiers.update', { id, filter: { ...dossier.filter, tagIds } }), 'Could not change the highlights shown');
                  }}
                />
                <span dir="auto">{tag.name}</span>
              </label>
            ))}
          </fieldset>
        ) : null}
      </section>

      <ExportPanel dossier={dossier} />

      <footer className="dossier-footer">
        <button type="button" className="button danger" onClick={remove}>
          Delete dossier
        </button>
      </footer>
    </article>
  );
}

type CoverPatch = { name?: string; title?: string; author?: string; date?: string | null; handling?: string };

function CoverForm({ dossier, onSave }: { dossier: Dossier; onSave(patch: CoverPatch): void }) {
  const [draft, setDraft] = useState({ name: dossier.name, title: dossier.title, author: dossier.author, date: dossier.date ?? '', handling: dossier.handling });
  // A saved field comes back from the library; only that field's draft follows it, so a
  // save of one field never wipes what is being typed in another.
  useEffect(() => setDraft((d) => ({ ...d, name: dossier.name })), [dossier.name]);
  useEffect(() => setDraft((d) => ({ ...d, title: dossier.title })), [dossier.title]);
  useEffect(() => setDraft((d) => ({ ...d, author: dossier.author })), [dossier.author]);
  useEffect(() => setDraft((d) => ({ ...d, date: dossier.date ?? '' })), [dossier.date]);
  useEffect(() => setDraft((d) => ({ ...d, handling: dossier.handling })), [dossier.handling]);

  // Each field is saved when it loses focus (or on Enter), if it changed.
  const commit = (field: keyof typeof draft) => {
    const value = draft[field].trim();
    if (field === 'name' && !value) {
      setDraft((d) => ({ ...d, name: dossier.name }));
      return;
    }
    const current = field === 'date' ? (dossier.date ?? '') : dossier[field];
    if (value === current) return;
    onSave(field === 'date' ? { date: value || null } : { [field]: value });
  };
  const input = (field: keyof typeof draft, label: string, props: { type?: string; placeholder?: string; maxLength?: number } = {}) => (
    <label className="field">
      <span className="field-label">{label}</span>
      <input
        type={props.type ?? 'text'}
        value={draft[field]}
        placeholder={props.placeholder}
        maxLength={props.maxLength}
        dir={props.type === 'date' ? undefined : 'auto'}
        onChange={(event) => setDraft((d) => ({ ...d, [field]: event.target.value }))}
        onBlur={() => commit(field)}
      />
    </label>
  );
  return (
    <form className="dossier-section" aria-labelledby="dossier-cover" onSubmit={(event: FormEvent) => {
      event.preventDefault();
      for (const field of Object.keys(draft) as (keyof typeof draft)[]) commit(field);
    }}>
      <h2 id="dossier-cover">Name and cover</h2>
      {input('name', 'Name in the library', { maxLength: 300 })}
      {input('title', 'Title on the cover', { placeholder: dossier.name, maxLength: 500 })}
      <div className="field-row">
        {input('author', 'Prepared by', { maxLength: 300 })}
        {input('date', 'Date (empty: the day of export)', { type: 'date' })}
      </div>
      {input('handling', 'Handling line', { placeholder: 'e.g. Restricted – not for publication', maxLength: 300 })}
      <button type="submit" hidden />
    </form>
  );
}

function AddItems({ dossier, tags, onAdd }: { dossier: Dossier; tags: { id: number; name: string }[]; onAdd(input: { items?: DossierItemRef[]; select?: { all: true } | { tagId: number } }): void }) {
  const api = useApi();
  const [notes, setNotes] = useState<NoteSummary[] | null>(null);
  const [open, setOpen] = useState(false);
  // The ticked articles, kept whatever the filter shows now.
  const [chosen, setChosen] = useState<Map<number, ArticleSummary>>(new Map());
  const { reportError } = useServices();

  useEffect(() => {
    if (!open) return;
    api.call('notes.list', {}).then(setNotes, (e: unknown) => reportError(e, 'Could not list the notebook'));
  }, [api, open, reportError]);

  const inDossier = useMemo(() => new Set(dossier.items.map((i) => (i.type === 'article' ? `a${i.articleId}` : `n${i.noteId}`))), [dossier.items]);
  const pages = (notes ?? []).filter((n) => !inDossier.has(`n${n.id}`));

  if (!open) {
    return (
      <div className="button-row dossier-add-row">
        <button type="button" className="button" onClick={() => setOpen(true)}>
          Add articles or pages…
        </button>
        <button type="button" className="button" onClick={() => onAdd({ select: { all: true } })}>
          Add every article
        </button>
      </div>
    );
  }
  return (
    <div className="dossier-add" role="group" aria-label="Add to the dossier">
      <ArticleChoices
        inDossier={(id) => inDossier.has(`a${id}`)}
        chosen={chosen}
        onChoose={setChosen}
        onClose={() => setOpen(false)}
        onError={(e) => reportError(e, 'Could not list the articles')}
      />
      <div className="button-row">
        <button
          type="button"
          className="button primary"
          disabled={chosen.size === 0}
          onClick={() => {
            // In the order the list shows them (newest published first), whatever order they were ticked in.
            onAdd({ items: [...chosen.values()].sort(byPublishedNewest).map((a) => ({ articleId: a.id })) });
            setChosen(new Map());
          }}
        >
          Add {chosen.size || ''} {chosen.size === 1 ? 'article' : 'articles'}
        </button>
        {tags.length > 0 ? (
          <select
            aria-label="Add the articles with highlights tagged…"
            value=""
            onChange={(event) => {
              if (event.target.value) onAdd({ select: { tagId: Number(event.target.value) } });
            }}
          >
            <option value="">Add articles with highlights tagged…</option>
            {tags.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        ) : null}
        {pages.length > 0 ? (
          <select
            aria-label="Add a notebook page"
            value=""
            onChange={(event) => {
              if (event.target.value) onAdd({ items: [{ noteId: Number(event.target.value) }] });
            }}
          >
            <option value="">Add a notebook page…</option>
            {pages.map((n) => (
              <option key={n.id} value={n.id}>
                {n.title}
              </option>
            ))}
          </select>
        ) : null}
      </div>
    </div>
  );
}

/** The order of articles.list's `published` sort: newest first, undated last, then by id. */
function byPublishedNewest(a: ArticleSummary, b: ArticleSummary): number {
  if (a.publishedAt !== b.publishedAt) {
    if (a.publishedAt === null) return 1;
    if (b.publishedAt === null) return -1;
    return a.publishedAt < b.publishedAt ? 1 : -1;
  }
  return b.id - a.id;
}

const ARTICLE_PAGE = 50;
/** Articles already in the dossier are left out of the list: pages are read on until this many show (within a few pages). */
const SHOW_AT_LEAST = 10;
const FILL_PAGES = 10;

/** The library's articles to tick, newest published first, narrowed on the server by title or outlet as you type (articles.list). */
function ArticleChoices({
  inDossier,
  chosen,
  onChoose,
  onClose,
  onError,
}: {
  inDossier(articleId: number): boolean;
  chosen: Map<number, ArticleSummary>;
  onChoose(chosen: Map<number, ArticleSummary>): void;
  onClose(): void;
  onError(error: unknown): void;
}) {
  const api = useApi();
  const [filter, setFilter] = useState('');
  const load = useCallback(
    (text: string, after: ArticleCursor | null) => api.call('articles.list', { sort: 'published', limit: ARTICLE_PAGE, ...(text.trim() ? { text } : {}), ...(after ? { after } : {}) }),
    [api],
  );
  const { items, shownFor, loading, more, error, loadMore } = usePagedSearch(load, filter);
  const candidates = (items ?? []).filter((a) => !inDossier(a.id));

  // Each failure reported once.
  const reportRef = useRef(onError);
  reportRef.current = onError;
  useEffect(() => {
    if (error) reportRef.current(error);
  }, [error]);

  // When the dossier holds most of what came, read on, a few pages at most.
  const filled = useRef({ text: shownFor, pages: 0 });
  useEffect(() => {
    if (filled.current.text !== shownFor) filled.current = { text: shownFor, pages: 0 };
    if (more && !loading && !error && candidates.length < SHOW_AT_LEAST && filled.current.pages < FILL_PAGES) {
      filled.current.pages += 1;
      loadMore();
    }
  }, [shownFor, more, loading, error, candidates.length, loadMore]);

  const typed = shownFor.trim() !== '';
  return (
    <>
      <div className="dossier-add-head">
        <input type="search" placeholder="Filter articles by title or outlet" value={filter} onChange={(event) => setFilter(event.target.value)} aria-label="Filter articles" />
        <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </div>
      <p className="hint" aria-live="polite">
        {items === null
          ? 'Loading…'
          : candidates.length === 0
            ? loading
              ? 'Searching…'
              : typed
                ? `No article outside this dossier matches “${shownFor.trim()}”.`
                : more
                  ? 'The newest articles are all in this dossier already: type to find others.'
                  : 'Every article is already in this dossier.'
            : typed
              ? `Articles matching “${shownFor.trim()}”${more ? '; scroll for more' : ''}.`
              : null}
      </p>
      <ul
        className="dossier-picker"
        aria-label="Articles"
        aria-busy={loading}
        onScroll={(event) => {
          const el = event.currentTarget;
          if (more && !error && el.scrollHeight - el.scrollTop - el.clientHeight < 200) loadMore();
        }}
      >
        {candidates.map((a) => (
          <li key={a.id}>
            <label>
              <input
                type="checkbox"
                checked={chosen.has(a.id)}
                onChange={(event) => {
                  const next = new Map(chosen);
                  if (event.target.checked) next.set(a.id, a);
                  else next.delete(a.id);
                  onChoose(next);
                }}
              />
              <span>
                <span className="dossier-item-title" dir="auto">{a.title}</span>
                <span className="dossier-item-meta">
                  {[a.outlet ?? 'Unknown outlet', a.publishedAt ? formatDate(a.publishedAt) : null, `${a.annotationCount} ${a.annotationCount === 1 ? 'highlight' : 'highlights'}`].filter(Boolean).join(' · ')}
                </span>
              </span>
            </label>
          </li>
        ))}
      </ul>
      {more ? (
        <div className="button-row dossier-more">
          <button type="button" className="button" disabled={loading} onClick={loadMore}>
            {loading ? 'Loading…' : 'Show more articles'}
          </button>
        </div>
      ) : null}
    </>
  );
}

function ExportPanel({ dossier }: { dossier: Dossier }) {
  const api = useApi();
  const { reportError, announce } = useServices();
  const [format, setFormat] = useState<ExportFormat>('pdf');
  const [running, setRunning] = useState<{ exportId: string; progress: ExportProgress | null } | null>(null);
  const runningId = useRef<string | null>(null);

  useEffect(
    () =>
      api.on('export.progress', (progress) => {
        if (progress.exportId === runningId.current) setRunning({ exportId: progress.exportId, progress });
      }),
    [api],
  );

  const start = () => {
    const exportId = newExportId();
    runningId.current = exportId;
    setRunning({ exportId, progress: null });
    // The desktop app saves through the system's save dialog; browser mode downloads.
    const exported = window.casefile
      ? api.call('exports.save', { exportId, source: { dossierId: dossier.id }, format })
      : api.call('exports.render', { exportId, source: { dossierId: dossier.id }, format }).then((file) => {
          download(base64ToBytes(file.base64), file.fileName, file.mimeType);
          return { saved: true, fileName: file.fileName, pageCount: file.pageCount };
        });
    exported.then(
      (file) => {
        if (file.saved) announce(`Exported “${file.fileName}”${file.pageCount ? ` (${file.pageCount} pages)` : ''}.`);
      },
      (e: unknown) => {
        if (e instanceof ApiCallError && e.error.code === 'CANCELLED') announce('Export cancelled.');
        else reportError(e, 'Could not export the dossier');
      },
    ).finally(() => {
      if (runningId.current === exportId) {
        runningId.current = null;
        setRunning(null);
      }
    });
  };

  const cancel = () => {
    if (running) api.call('exports.cancel', { exportId: running.exportId }).catch((e: unknown) => reportError(e, 'Could not cancel the export'));
  };

  const progress = running?.progress;
  const choice = FORMAT_CHOICES.find((c) => c.format === format)!;
  const empty = dossier.items.length === 0;
  return (
    <section className="dossier-section dossier-export" aria-labelledby="dossier-export">
      <h2 id="dossier-export">Export</h2>
      <div className="dossier-export-row">
        <label className="field">
          <span className="field-label">Format</span>
          <select value={format} onChange={(event) => setFormat(event.target.value as ExportFormat)} disabled={running !== null}>
            {FORMAT_CHOICES.map((c) => (
              <option key={c.format} value={c.format}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        {running ? (
          <button type="button" className="button" onClick={cancel}>
            Cancel
          </button>
        ) : (
          <button type="button" className="button primary" onClick={start} disabled={empty}>
            Export {choice.short}
          </button>
        )}
      </div>
      <p className="hint">{empty ? 'Add articles or pages to export this dossier.' : choice.hint}</p>
      {running ? (
        <div className="dossier-progress" role="status" aria-live="polite">
          <progress max={progress?.total || 1} value={progress ? progress.done : undefined} />
          <span>
            {progress ? PHASES[progress.phase] : 'Starting'}
            {progress && progress.total > 1 ? ` (${progress.done} of ${progress.total})` : ''}…
          </span>
        </div>
      ) : null}
    </section>
  );
}
