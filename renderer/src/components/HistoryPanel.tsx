// The History of one record (a highlight, an article, an actor or source, a notebook page):
// who changed it, when, what they did (the label) and what changed, field by field, from
// the library's change log. Refreshed when the library changes.
import { useCallback, useEffect, useState } from 'react';
import type { Input } from '../../../common/api/contract.ts';
import type { HistoryAuthor, HistoryEntry, HistoryRowChange } from '../../../common/api/methods/history.ts';
import { useApi } from '../api/ApiProvider.tsx';
import { useLibraryChanged } from '../api/useLibraryChanged.ts';
import { dateTimeFormat } from '../format.ts';
import { useServices } from '../shell/services.tsx';
import { AuthorFilter } from './AuthorFilter.tsx';

type Of = Omit<Input<'history.list'>, 'limit'>;

const WHEN = dateTimeFormat({ dateStyle: 'medium', timeStyle: 'short' });

/** Columns a reader does not need to see change (ids, stamps kept by the app itself). */
const QUIET = new Set(['id', 'gid', 'created_at', 'updated_at', 'article_id', 'annotation_id', 'claim_id', 'note_id', 'dossier_id', 'entity_id', 'start_offset', 'end_offset', 'quote_prefix', 'quote_suffix', 'body', 'text_sha256']);

const ROW_NAMES: Record<string, string> = {
  article: 'article',
  article_original: 'original file',
  annotation: 'highlight',
  claim: 'claim',
  claim_claimant: 'claimant',
  claim_source: 'source of the claim',
  claim_contradiction: 'contradiction',
  claim_group: 'same-claim group',
  annotation_tag: 'tag',
  article_tag: 'tag',
  entity: 'actor or source',
  entity_alias: 'alias',
  note: 'notebook page',
  note_annotation: 'quote',
  tag: 'tag',
  dossier: 'dossier',
  dossier_item: 'dossier item',
  suggestion_dismissal: 'dismissed suggestion',
};

function words(name: string): string {
  const text = name.replace(/_id$/, '').replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function value(v: unknown, tagNames: Map<number, string>, column: string): string {
  if (v === null || v === undefined || v === '') return '—';
  if (column === 'tag_id' && typeof v === 'number') return tagNames.get(v) ?? `tag ${v}`;
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

/** One row change in words: "Note: — → Interior minister", "Tag added: Talks". */
function describeChange(change: HistoryRowChange, tagNames: Map<number, string>): string[] {
  const what = ROW_NAMES[change.table] ?? change.table;
  const shown = change.fields.filter((f) => !QUIET.has(f.name));
  if (change.op === 'insert' || change.op === 'delete') {
    const verb = change.op === 'insert' ? 'added' : 'removed';
    const main = shown.find((f) => ['tag_id', 'alias', 'name', 'title', 'quote_exact', 'text'].includes(f.name)) ?? shown[0];
    const v = main ? value(change.op === 'insert' ? main.after : main.before, tagNames, main.name) : '';
    return [`${what.charAt(0).toUpperCase() + what.slice(1)} ${verb}${v && v !== '—' ? `: ${v}` : ''}`];
  }
  return shown.map((f) => `${words(f.name)}: ${value(f.before, tagNames, f.name)} → ${value(f.after, tagNames, f.name)}`);
}

export function HistoryPanel({ of, title = 'History' }: { of: Of; title?: string }) {
  const api = useApi();
  const { tags, reportError } = useServices();
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  const [open, setOpen] = useState(false);
  // Who signed changes here, the most active first.
  const [authors, setAuthors] = useState<HistoryAuthor[]>([]);
  const [author, setAuthor] = useState('');
  const key = JSON.stringify(of);
  const load = useCallback(() => {
    if (!open) return;
    api.call('history.list', { ...(JSON.parse(key) as Of), ...(author ? { author } : {}), limit: 50 }).then(setEntries, (e: unknown) => reportError(e, 'Could not read the history'));
  }, [api, key, open, author, reportError]);
  useEffect(load, [load]);
  // The names are read when the panel opens, not on every change (the whole log is counted).
  useEffect(() => {
    if (open) api.call('history.authors', {}).then(setAuthors, (e: unknown) => reportError(e, 'Could not read the history'));
  }, [api, open, reportError]);
  useLibraryChanged(load, { delayMs: 300 });
  const tagNames = new Map(tags.map((t) => [t.id, t.name]));
  return (
    <details className="history-panel" open={open} onToggle={(e) => setOpen((e.currentTarget).open)}>
      <summary>{title}</summary>
      <AuthorFilter layout="inline" names={authors.map((a) => a.name)} value={author} onChange={setAuthor} />
      {entries === null ? (
        <p className="muted">Loading…</p>
      ) : entries.length === 0 ? (
        <p className="muted">{author ? `No changes by ${author}.` : 'No changes recorded.'}</p>
      ) : (
        <ol className="history-list" aria-label={title}>
          {entries.map((entry) => (
            <li key={entry.gid} className={`history-entry origin-${entry.origin}`}>
              <div className="history-what">{entry.label}</div>
              <div className="history-who">
                <span className="history-author">{entry.author}</span> · <time dateTime={entry.at}>{WHEN.format(new Date(entry.at))}</time>
                {entry.origin === 'cli' ? ' · from the command line' : entry.origin === 'import' ? ' · import' : entry.origin === 'sync' ? ' · from a teammate' : ''}
              </div>
              <ul className="history-fields">
                {entry.changes.flatMap((change) => describeChange(change, tagNames).map((line, i) => <li key={`${change.gid}-${i}`}>{line}</li>))}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}
