// The dossier's export: choose a format, export (or cancel), and watch its progress.
import { useState } from 'react';
import type { Dossier, ExportFormat, ExportProgress } from '../../../common/api/methods/dossiers.ts';
import { useExport } from './useExport.ts';

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

export function ExportPanel({ dossier }: { dossier: Dossier }) {
  const [format, setFormat] = useState<ExportFormat>('pdf');
  const [attribution, setAttribution] = useState(false);
  // Who made each highlight is said in the documents (PDF, web page, Markdown); the data formats carry it otherwise or not at all.
  const attributable = format === 'pdf' || format === 'html' || format === 'md';
  const { running, start, cancel } = useExport(dossier.id);

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
          <button type="button" className="button primary" onClick={() => start(format, { attribution: attributable && attribution })} disabled={empty}>
            Export {choice.short}
          </button>
        )}
      </div>
      {attributable ? (
        <label className="dossier-attribution">
          <input type="checkbox" checked={attribution} onChange={(event) => setAttribution(event.target.checked)} disabled={running !== null} /> Say who highlighted each quote
        </label>
      ) : null}
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
