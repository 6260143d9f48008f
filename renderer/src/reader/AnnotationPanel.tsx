// The annotation panel beside the reader: the article's highlights in text order, each
// with its kind, quote, links, note, tags and anchor status; orphans in their own
// section (kept and shown, never dropped). Clicking a card scrolls to the passage and
// flashes it; the selected card opens its editor.
import { memo, useEffect, useRef, useState } from 'react';
import type { Annotation } from '../../../common/api/methods/annotations.ts';
import { AnchorBadge, KindBadge } from '../components/badges.tsx';
import { credibilityText, reliabilityText } from '../components/grades.tsx';
import { AnnotationEditor } from './AnnotationEditor.tsx';
import { corroborationText } from './AnnotationEditor.tsx';

interface Props {
  annotations: Annotation[] | null;
  selectedId: number | null;
  /** Open the selected card's editor (not while the same highlight is open in a popover). */
  expandSelected: boolean;
  onSelect(id: number): void;
}

export function linkSummary(a: Annotation): string[] {
  const lines: string[] = [];
  if (a.kind === 'actor') lines.push(a.entity ? `Actor: ${a.entity.name}` : 'No actor linked yet');
  if (a.kind === 'source') {
    lines.push(a.entity ? `Source: ${a.entity.name}${a.entity.reliability ? ` · ${reliabilityText(a.entity.reliability)}` : ' · not graded'}` : 'No source linked yet');
  }
  if (a.kind === 'claim' && a.claim) {
    const c = a.claim;
    lines.push(c.claimants.length ? `Claimed by ${c.claimants.map((e) => e.name).join(', ')}` : 'No claimant yet');
    if (c.sources.length) lines.push(`Source: ${c.sources.map((e) => (e.reliability ? `${e.name} (${e.reliability})` : e.name)).join(', ')}`);
    if (c.credibility) lines.push(`Credibility ${credibilityText(c.credibility)}`);
    if (c.sameClaims.length) lines.push(corroborationText(c.corroboration));
  }
  return lines;
}

const Card = memo(function Card({ annotation: a, selected, expanded, onSelect }: { annotation: Annotation; selected: boolean; expanded: boolean; onSelect(id: number): void }) {
  const ref = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (selected) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [selected]);
  const links = linkSummary(a);
  return (
    <li ref={ref} className={`annotation-card kind-${a.kind}${selected ? ' selected' : ''}`} data-annotation-id={a.id}>
      <button type="button" className="card-main" aria-expanded={expanded} onClick={() => onSelect(a.id)}>
        <span className="card-head">
          <KindBadge kind={a.kind} />
          <AnchorBadge status={a.anchorStatus} />
        </span>
        <span className="card-quote">“{a.quote.exact}”</span>
        {links.length ? (
          <span className="card-links">
            {links.map((line) => (
              <span key={line} className="card-link">
                {line}
              </span>
            ))}
          </span>
        ) : null}
        {a.kind === 'claim' && a.claim?.sameClaims.length ? (
          <span className="card-same">
            {a.claim.sameClaims.map((r) => (
              <span key={r.annotationId} className="card-link muted">
                Same claim: {r.articleTitle}
              </span>
            ))}
          </span>
        ) : null}
        {a.tags.length ? <span className="card-tags">{a.tags.map((t) => `#${t.name}`).join(' ')}</span> : null}
        {a.note && !expanded ? <span className="card-note">{a.note}</span> : null}
      </button>
      {expanded ? (
        <AnnotationEditor
          annotation={a}
          onRemoved={() => {
            // Keep keyboard focus in the list: on the next card, else the one before.
            const li = ref.current;
            const next = li?.nextElementSibling ?? li?.previousElementSibling;
            next?.querySelector<HTMLElement>('.card-main')?.focus();
          }}
        />
      ) : null}
    </li>
  );
});

/** Cards rendered in the first frame; the rest follow a batch per frame, so a long list never holds up the text. */
const FIRST_BATCH = 60;
const BATCH = 200;

export function AnnotationPanel({ annotations, selectedId, expandSelected, onSelect }: Props) {
  const [limit, setLimit] = useState(FIRST_BATCH);
  const total = annotations?.length ?? 0;
  useEffect(() => {
    if (limit >= total) return;
    const timer = setTimeout(() => setLimit((l) => l + BATCH), 16);
    return () => clearTimeout(timer);
  }, [limit, total]);
  // A highlight chosen elsewhere (a link, the text) is always in the list.
  const selectedIndex = selectedId === null || !annotations ? -1 : annotations.findIndex((a) => a.id === selectedId);
  const shown = Math.max(limit, selectedIndex + 1);

  const anchored = annotations?.slice(0, shown).filter((a) => a.anchorStatus !== 'orphan') ?? [];
  const orphans = annotations?.filter((a) => a.anchorStatus === 'orphan') ?? [];
  return (
    <aside className="annotation-panel" aria-label="Highlights">
      <div className="panel-heading">
        <h2>Highlights</h2>
        <span className="panel-count">{annotations === null ? 'Loading…' : `${annotations.length}`}</span>
      </div>
      {annotations !== null && annotations.length === 0 ? (
        <p className="panel-empty">
          No highlights yet. Select words in the article, then choose <strong>Claim</strong>, <strong>Actor</strong>, <strong>Source</strong> or{' '}
          <strong>Highlight</strong> (or press C, A, S or H).
        </p>
      ) : null}
      <ol className="annotation-list" aria-label="Highlights in text order">
        {anchored.map((a) => (
          <Card key={a.id} annotation={a} selected={a.id === selectedId} expanded={expandSelected && a.id === selectedId} onSelect={onSelect} />
        ))}
      </ol>
      {orphans.length > 0 ? (
        <section className="orphans" aria-labelledby="orphans-heading">
          <h3 id="orphans-heading">Orphaned highlights ({orphans.length})</h3>
          <p className="hint">Their words are no longer in the text after it was changed. They are kept with their quote; re-create them on the new text or remove them.</p>
          <ol className="annotation-list" aria-label="Orphaned highlights">
            {orphans.map((a) => (
              <Card key={a.id} annotation={a} selected={a.id === selectedId} expanded={expandSelected && a.id === selectedId} onSelect={onSelect} />
            ))}
          </ol>
        </section>
      ) : null}
    </aside>
  );
}
