// Import: files, a folder, pasted text or HTML, or a web address. Files chosen here are
// read by the page and uploaded in batches (the page never names a path to main);
// imports started from the File menu arrive as progress events and show here too.
import { useCallback, useEffect, useRef, useState, type ClipboardEvent, type DragEvent } from 'react';
import { describeItems, describeWithinFile, legacyEncodingOf, type ImportItemOutcome, type ImportOutcome, type ImportSummary, type WithinFile } from '../../../common/api/methods/import.ts';
import { useApi } from '../api/ApiProvider.tsx';
import type { Route } from '../shell/route.ts';
import { useNavigate } from '../shell/navigation.tsx';
import { useServices } from '../shell/services.tsx';
import { uploadAll, type UploadFile } from './upload.ts';
import { countOutcome, emptyImportSummary } from '../../../common/api/methods/import.ts';
import './import.css';

const SUPPORTED = ['.html', '.htm', '.txt', '.md', '.pdf', '.docx', '.qdpx', '.json', '.rdf', '.bib', '.ris', '.warc', '.warc.gz', '.wacz', '.mhtml', '.mht'];
const ITEMS_SHOWN = 300;

/** What became of the items in a file from another tool: skipped ones first, then those placed other than the file said. */
function ItemReport({ items }: { items: ImportItemOutcome[] }) {
  const rank = (i: ImportItemOutcome) => (i.status === 'skipped' ? 0 : i.anchor && i.anchor !== 'exact' ? 1 : i.reason ? 2 : 3);
  const ordered = [...items].sort((a, b) => rank(a) - rank(b));
  return (
    <details className="result-items">
      <summary>{describeItems(items)}</summary>
      <ul aria-label="Items in this file">
        {ordered.slice(0, ITEMS_SHOWN).map((item, i) => (
          <li key={i} className={`result-item ${item.status}`}>
            <span className="result-status">{item.status === 'imported' && item.anchor && item.anchor !== 'exact' ? item.anchor : item.status}</span>
            <span dir="auto">{item.item}</span>
            {item.reason ? <span className="result-detail" dir="auto">{item.reason}</span> : null}
          </li>
        ))}
      </ul>
      {ordered.length > ITEMS_SHOWN ? <p className="import-none">…and {ordered.length - ITEMS_SHOWN} more.</p> : null}
    </details>
  );
}
const RESULTS_SHOWN = 500;

interface Run {
  label: string;
  summary: ImportSummary;
  done: number;
  outcomes: ImportOutcome[];
  running: boolean;
  /** Cancels the run: stops uploading (page uploads) or asks main to stop (menu imports). */
  cancel?: () => void;
  /** The file from another tool being read now, and how far into its items ("source 120 of 480"). */
  withinFile?: { file: string; within: WithinFile } | null;
}

interface Pasted {
  content: string;
  format: 'text' | 'html';
}

function supported(name: string): boolean {
  const lower = name.toLowerCase();
  return SUPPORTED.some((ext) => lower.endsWith(ext));
}

function toUploadFiles(list: FileList | File[]): { files: UploadFile[]; skipped: ImportOutcome[] } {
  const files: UploadFile[] = [];
  const skipped: ImportOutcome[] = [];
  for (const file of Array.from(list)) {
    const name = file.webkitRelativePath || file.name;
    if (name.split('/').some((part) => part.startsWith('.'))) continue;
    if (supported(file.name)) files.push({ name, size: file.size, bytes: () => file.arrayBuffer() });
    else skipped.push({ file: name, status: 'skipped', reason: `${file.name} is not a supported file type.` });
  }
  return { files, skipped };
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function ImportView(_props: { route: Route }) {
  const api = useApi();
  const navigate = useNavigate();
  const { reportError, announce } = useServices();
  const [run, setRun] = useState<Run | null>(null);
  const [pasted, setPasted] = useState<Pasted | null>(null);
  const [url, setUrl] = useState('');
  const [busy, setBusy] = useState<'paste' | 'url' | null>(null);
  const [showAll, setShowAll] = useState(false);
  const [dragging, setDragging] = useState(false);
  const cancelled = useRef(false);
  /** The id this page's uploads go by: their progress events carry it, and a cancel names it. */
  const uploadJob = useRef<string | null>(null);
  /** Every upload this page started: their late events are not a File menu import. */
  const ownJobs = useRef(new Set<string>());
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);

  const record = useCallback((outcomes: ImportOutcome[]) => {
    setRun((current) =>
      current && {
        ...current,
        done: current.done + outcomes.length,
        summary: outcomes.reduce((summary, o) => countOutcome(summary, o, false), current.summary),
        outcomes: [...current.outcomes, ...outcomes],
      },
    );
  }, []);

  const importFiles = useCallback(
    async (list: FileList | File[], label: string) => {
      const { files, skipped } = toUploadFiles(list);
      if (files.length + skipped.length === 0) return;
      cancelled.current = false;
      const jobId = crypto.randomUUID();
      uploadJob.current = jobId;
      ownJobs.current.add(jobId);
      setShowAll(false);
      setRun({
        label,
        summary: emptyImportSummary(files.length + skipped.length),
        done: 0,
        outcomes: [],
        running: true,
        cancel: () => {
          cancelled.current = true;
          // The batch being imported stops too (a big project or export inside it, between two items).
          void api.call('import.cancel', { jobId }).catch(() => undefined);
        },
      });
      record(skipped);
      await uploadAll(files, {
        send: (batch) => api.call('import.files', { files: batch, jobId }),
        onOutcomes: record,
        cancelled: () => cancelled.current,
      });
      uploadJob.current = null;
      setRun((current) => current && { ...current, running: false, cancel: undefined, withinFile: null });
    },
    [api, record],
  );

  // Imports started from the File menu (Electron) report through events.
  useEffect(() => {
    const offProgress = api.on('import.progress', (p) => {
      const withinFile = p.withinFile && p.current ? { file: p.current, within: p.withinFile } : null;
      // This page's own upload: its counts come back with each batch; the event says how far inside a big file it is.
      // Events can arrive after the upload's last answer: one of an upload already finished is not a File menu import.
      if (ownJobs.current.has(p.jobId)) {
        if (p.jobId === uploadJob.current) setRun((current) => current && { ...current, withinFile });
        return;
      }
      setRun((current) => ({
        label: 'Import from the File menu',
        summary: { total: p.total, imported: p.imported, appearances: p.appearances, duplicates: p.duplicates, failed: p.failed, skipped: p.skipped, cancelled: p.cancelled },
        done: p.done,
        outcomes: current?.outcomes ?? [],
        running: true,
        cancel: () => void api.call('import.cancel', { jobId: p.jobId }),
        withinFile,
      }));
    });
    const offFinished = api.on('import.finished', (f) =>
      setRun({ label: 'Import from the File menu', summary: f.summary, done: f.summary.total, outcomes: f.problems, running: false }),
    );
    return () => {
      offProgress();
      offFinished();
    };
  }, [api]);

  const onPaste = (event: ClipboardEvent<HTMLDivElement>) => {
    event.preventDefault();
    const html = event.clipboardData.getData('text/html');
    const text = event.clipboardData.getData('text/plain');
    if (html.trim()) setPasted({ content: html, format: 'html' });
    else if (text.trim()) setPasted({ content: text, format: 'text' });
  };

  const importPasted = async () => {
    if (!pasted) return;
    setBusy('paste');
    try {
      const outcome = await api.call('import.paste', pasted);
      setPasted(null);
      if (outcome.status === 'duplicate') announce(`Already in the library: “${outcome.title}”`, { label: 'Open', run: () => navigate({ view: 'library', id: outcome.articleId! }) });
      else navigate({ view: 'library', id: outcome.articleId! });
    } catch (error) {
      reportError(error, 'The pasted article was not imported');
    } finally {
      setBusy(null);
    }
  };

  const importUrl = async () => {
    if (!url.trim()) return;
    setBusy('url');
    try {
      const outcome = await api.call('import.url', { url: url.trim() });
      setUrl('');
      if (outcome.status === 'duplicate') announce(`Already in the library: “${outcome.title}”`, { label: 'Open', run: () => navigate({ view: 'library', id: outcome.articleId! }) });
      else navigate({ view: 'library', id: outcome.articleId! });
    } catch (error) {
      reportError(error, 'The address was not imported');
    } finally {
      setBusy(null);
    }
  };

  const onDrop = (event: DragEvent<HTMLElement>) => {
    event.preventDefault();
    setDragging(false);
    if (event.dataTransfer.files.length) void importFiles(event.dataTransfer.files, `${event.dataTransfer.files.length} dropped files`);
  };

  // Problems, near-copies that wait for the researcher's answer (same story or not), and
  // files from other tools (what became of their items is the report).
  const problems =
    run?.outcomes.filter((o) => o.status === 'failed' || o.status === 'skipped' || o.status === 'cancelled' || o.probablySameAs?.length || o.items !== undefined) ?? [];
  const shown = (showAll ? run?.outcomes ?? [] : problems).slice(-RESULTS_SHOWN);
  const percent = run && run.summary.total > 0 ? Math.round((run.done / run.summary.total) * 100) : 0;

  return (
    <div className="import-view">
      <h1 className="view-title">Import articles</h1>
      <p className="import-intro">
        Casefile keeps each original file as evidence and turns it into a clean, readable article. Supported: web pages (.html, .htm), text (.txt, .md), PDF and Word (.docx); from other tools, REFI-QDA projects (.qdpx), Hypothesis annotations (.json), Zotero exports (.rdf, CSL .json, .bib, .ris; choose the export's folder so its files come too) and web archives (.warc, .warc.gz, .wacz, .mhtml).
      </p>

      <div className="import-grid">
        <section
          className={dragging ? 'import-card import-drop dragging' : 'import-card import-drop'}
          aria-labelledby="import-files-heading"
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <h2 id="import-files-heading">Files and folders</h2>
          <p>Drop files here, or choose them. A folder is imported with everything inside it.</p>
          <div className="import-actions">
            <button type="button" className="button primary" onClick={() => filesInput.current?.click()} disabled={run?.running}>
              Choose files…
            </button>
            <button type="button" className="button" onClick={() => folderInput.current?.click()} disabled={run?.running}>
              Choose a folder…
            </button>
          </div>
          <input
            ref={filesInput}
            type="file"
            multiple
            accept={SUPPORTED.join(',')}
            hidden
            aria-label="Files to import"
            onChange={(e) => {
              if (e.target.files) void importFiles(e.target.files, `${e.target.files.length} chosen files`);
              e.target.value = '';
            }}
          />
          <input
            ref={folderInput}
            type="file"
            hidden
            aria-label="Folder to import"
            {...{ webkitdirectory: '', directory: '' }}
            onChange={(e) => {
              const files = e.target.files;
              if (files?.length) void importFiles(files, `Folder ${files[0]!.webkitRelativePath.split('/')[0] ?? ''}`);
              e.target.value = '';
            }}
          />
        </section>

        <section className="import-card" aria-labelledby="import-paste-heading">
          <h2 id="import-paste-heading">Paste an article</h2>
          <div className="paste-zone" tabIndex={0} role="textbox" aria-label="Paste an article here" aria-multiline="true" onPaste={onPaste}>
            {pasted ? (
              <span>
                <strong>{pasted.format === 'html' ? 'Formatted text' : 'Plain text'}</strong>, {formatSize(new Blob([pasted.content]).size)}:{' '}
                <span className="paste-preview">{pasted.content.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').slice(0, 160)}…</span>
              </span>
            ) : (
              <span className="placeholder">Click here and paste (Ctrl+V or ⌘V) the text of an article copied from a web page or a document.</span>
            )}
          </div>
          <div className="import-actions">
            <button type="button" className="button primary" disabled={!pasted || busy !== null} onClick={() => void importPasted()}>
              {busy === 'paste' ? 'Importing…' : 'Import pasted article'}
            </button>
            {pasted ? (
              <button type="button" className="button" onClick={() => setPasted(null)}>
                Clear
              </button>
            ) : null}
          </div>
        </section>

        <section className="import-card" aria-labelledby="import-url-heading">
          <h2 id="import-url-heading">From a web address</h2>
          <p>Casefile fetches the page once, now, and never again on its own.</p>
          <form
            className="import-url"
            onSubmit={(e) => {
              e.preventDefault();
              void importUrl();
            }}
          >
            <input type="url" inputMode="url" placeholder="https://…" value={url} onChange={(e) => setUrl(e.target.value)} aria-label="Web address of the article" />
            <button type="submit" className="button primary" disabled={!url.trim() || busy !== null}>
              {busy === 'url' ? 'Fetching…' : 'Fetch and import'}
            </button>
          </form>
        </section>
      </div>

      {run ? (
        <section className="import-run" aria-labelledby="import-run-heading" aria-live="polite">
          <div className="import-run-head">
            <h2 id="import-run-heading">{run.running ? 'Importing' : 'Import finished'}: {run.label}</h2>
            {run.running && run.cancel ? (
              <button type="button" className="button" onClick={run.cancel}>
                Cancel
              </button>
            ) : null}
          </div>
          <progress max={run.summary.total} value={run.done} aria-label="Import progress">
            {percent}%
          </progress>
          {run.running && run.withinFile ? (
            <p className="import-within" aria-label="Progress inside the file">
              <bdi className="import-within-file" dir="auto">
                {run.withinFile.file}
              </bdi>
              <span>: {describeWithinFile(run.withinFile.within)}</span>
              <progress max={run.withinFile.within.total} value={run.withinFile.within.done} aria-hidden="true" />
            </p>
          ) : null}
          <p className="import-counts">
            <span>
              {run.done} of {run.summary.total}
            </span>
            <span className="count imported">{run.summary.imported} imported</span>
            {run.summary.appearances ? <span className="count appearance">{run.summary.appearances} further appearances</span> : null}
            <span className="count duplicate">{run.summary.duplicates} duplicates</span>
            <span className="count failed">{run.summary.failed} failed</span>
            {run.summary.skipped ? <span className="count skipped">{run.summary.skipped} skipped</span> : null}
            {run.summary.cancelled ? <span className="count skipped">{run.summary.cancelled} cancelled</span> : null}
          </p>
          <div className="import-results-head">
            <h3>{showAll ? 'All files' : 'Problems and questions'}</h3>
            <button type="button" className="link-button" onClick={() => setShowAll((v) => !v)}>
              {showAll ? 'Show problems and questions only' : 'Show all files'}
            </button>
          </div>
          {shown.length === 0 ? (
            <p className="import-none">{showAll ? 'No files yet.' : 'No problems or questions.'}</p>
          ) : (
            <ul className="import-results" aria-label="Import results">
              {shown.map((o, i) => (
                <li key={`${o.file}-${i}`} className={`result ${o.status}`}>
                  <span className="result-status">{o.probablySameAs?.length ? 'same story?' : o.status}</span>
                  <span className="result-file" dir="auto">
                    {o.file}
                  </span>
                  <span className="result-detail">
                    <bdi dir="auto">{o.reason ?? o.title ?? ''}</bdi>
                    {legacyEncodingOf(o) ? <span className="result-encoding">read as {legacyEncodingOf(o)}</span> : null}
                    {o.status === 'appearance' ? ' — the same text from another outlet or address, kept as another appearance' : ''}
                    {o.probablySameAs?.length ? ` — probably the same story as ${o.probablySameAs.length === 1 ? 'an article' : `${o.probablySameAs.length} articles`} already here (${Math.round(o.probablySameAs[0]!.similarity * 100)}% alike): open it to confirm or dismiss` : ''}
                  </span>
                  {o.articleId ? (
                    <button type="button" className="link-button" onClick={() => navigate({ view: 'library', id: o.articleId! })}>
                      Open
                    </button>
                  ) : null}
                  {o.items?.length ? <ItemReport items={o.items} /> : null}
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </div>
  );
}
