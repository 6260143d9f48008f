// Which highlights the dossier shows: by kind, and (when any is ticked) only those with a tag.
import { ANNOTATION_KINDS, type AnnotationKind } from '../../../common/api/methods/annotations.ts';
import type { Dossier } from '../../../common/api/methods/dossiers.ts';

const KIND_LABELS: Record<AnnotationKind, string> = { claim: 'Claims', actor: 'Actors', source: 'Sources', highlight: 'Plain highlights' };

interface Props {
  dossier: Dossier;
  tags: { id: number; name: string }[];
  onChange(filter: Dossier['filter']): void;
}

export function HighlightsShown({ dossier, tags, onChange }: Props) {
  const { filter } = dossier;
  return (
    <section className="dossier-section" aria-labelledby="dossier-filter">
      <h2 id="dossier-filter">Highlights shown</h2>
      <fieldset className="dossier-kinds">
        <legend className="field-label">Kinds</legend>
        {ANNOTATION_KINDS.map((kind) => (
          <label key={kind} className={`dossier-kind kind-${kind}`}>
            <input
              type="checkbox"
              checked={filter.kinds.includes(kind)}
              onChange={(event) => {
                const kinds = event.target.checked ? [...filter.kinds, kind] : filter.kinds.filter((k) => k !== kind);
                onChange({ ...filter, kinds });
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
                checked={filter.tagIds.includes(tag.id)}
                onChange={(event) => {
                  const tagIds = event.target.checked ? [...filter.tagIds, tag.id] : filter.tagIds.filter((t) => t !== tag.id);
                  onChange({ ...filter, tagIds });
                }}
              />
              <span dir="auto">{tag.name}</span>
            </label>
          ))}
        </fieldset>
      ) : null}
    </section>
  );
}
