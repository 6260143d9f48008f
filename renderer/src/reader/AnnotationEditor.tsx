// Everything about one highlight that the analyst can change: its kind, the actor or
// source it names, a claim's claimants, sources, credibility and "same claim" links,
// tags, the note, and removing it. Shown in the popover beside a passage and in the
// selected card of the annotation panel; every change is saved at once and can be undone.
import { useEffect, useId, useRef, useState } from 'react';
import { ANNOTATION_KINDS, type Annotation, type AnnotationKind, type Credibility, type EntityRef, type Reliability } from '../../../common/api/methods/annotations.ts';
import type { SourceType } from '../../../common/api/methods/entities.ts';
import { useApi } from '../api/ApiProvider.tsx';
import { EntityPicker, type EntityChoice } from '../components/EntityPicker.tsx';
import { Combobox } from '../components/Combobox.tsx';
import { CredibilitySelect, ReliabilitySelect, SourceTypeSelect, reliabilityText } from '../components/grades.tsx';
import { useNavigate } from '../shell/navigation.tsx';
import { useServices } from '../shell/services.tsx';
import { announceSaved, KIND_LABELS, shortQuote } from '../state/annotations.ts';
import { useSavesInOrder } from '../state/savesInOrder.ts';
import { SameClaimDialog } from './SameClaimDialog.tsx';
import { AuthorLine } from '../components/AuthorLine.tsx';
import { HistoryPanel } from '../components/HistoryPanel.tsx';

export type EditorFocus = 'entity' | 'claimant' | null;

interface Props {
  annotation: Annotation;
  /** Which field takes focus when the editor opens (right after tagging). */
  focus?: EditorFocus;
  /** For a highlight made a moment ago: its picker starts with the selected words. */
  fresh?: boolean;
  onRemoved?(): void;
}

export function AnnotationEditor({ annotation: a, focus = null, fresh = false, onRemoved }: Props) {
  const { actions, reportError } = useServices();

  const retag = (kind: AnnotationKind) => {
    if (kind === a.kind) return;
    actions.update(a, { kind }).catch((e: unknown) => reportError(e, 'Could not change the highlight'));
  };

  const remove = () => {
    actions.remove(a).then(
      () => onRemoved?.(),
      (e: unknown) => reportError(e, 'Could not remove the highlight'),
    );
  };

  return (
    <div className="annotation-editor">
      <KindChooser kind={a.kind} onChange={retag} />
      {a.kind === 'actor' || a.kind === 'source' ? <EntityField annotation={a} autoFocus={focus === 'entity'} fresh={fresh} /> : null}
      {a.kind === 'claim' ? <ClaimFields annotation={a} autoFocus={focus === 'claimant'} /> : null}
      <TagsField annotation={a} />
      <NoteField annotation={a} />
      <AuthorLine table="annotation" id={a.id} verb="Highlighted" />
      <div className="editor-actions">
        <button type="button" className="button danger" onClick={remove}>
          Remove highlight
        </button>
      </div>
      <HistoryPanel of={{ annotationId: a.id }} />
    </div>
  );
}

function KindChooser({ kind: saved, onChange: save }: { kind: AnnotationKind; onChange(kind: AnnotationKind): void }) {
  const name = useId();
  // Shown at once while it is saved (arrow keys move through the radios faster than a save).
  const [kind, setKind] = useState(saved);
  useEffect(() => setKind(saved), [saved]);
  const onChange = (k: AnnotationKind) => {
    setKind(k);
    save(k);
  };
  return (
    <fieldset className="kind-chooser">
      <legend className="field-label">Kind</legend>
      <div className="segmented">
        {ANNOTATION_KINDS.map((k) => (
          <label key={k} className={`segment kind-${k}${k === kind ? ' checked' : ''}`}>
            <input type="radio" name={name} value={k} checked={k === kind} onChange={() => onChange(k)} />
            <span>{KIND_LABELS[k]}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function EntityField({ annotation: a, autoFocus, fresh }: { annotation: Annotation; autoFocus: boolean; fresh: boolean }) {
  const { actions, reportError } = useServices();
  const navigate = useNavigate();
  const kind = a.kind === 'source' ? 'source' : 'actor';
  const noun = kind === 'actor' ? 'Actor' : 'Source';
  const [changing, setChanging] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  // The picker goes away once an actor or source is linked: keep keyboard focus in the
  // popover, on the next thing to do (a source's grade, else the linked name).
  const refocus = useRef(false);
  useEffect(() => {
    if (!refocus.current || !a.entity) return;
    refocus.current = false;
    (box.current?.querySelector<HTMLElement>('select') ?? box.current?.querySelector<HTMLElement>('button'))?.focus();
  }, [a.entity]);

  const link = (choice: EntityChoice | null) => {
    refocus.current = box.current?.contains(document.activeElement) ?? false;
    setChanging(false);
    actions
      .update(a, { entity: choice })
      .catch((e: unknown) => reportError(e, `Could not link the ${kind}`));
  };

  if (!a.entity || changing) {
    return (
      <div className="field entity-field" ref={box}>
        <EntityPicker
          kind={kind}
          label={a.entity ? `Change ${kind}` : `Link ${kind === 'actor' ? 'an actor' : 'a source'}`}
          initialQuery={fresh || changing ? a.quote.exact.trim().slice(0, 120) : ''}
          autoFocus={autoFocus || changing}
          onPick={link}
        />
        {changing ? (
          <button type="button" className="link-button" onClick={() => setChanging(false)}>
            Keep {a.entity?.name}
          </button>
        ) : null}
      </div>
    );
  }
  return (
    <div className="field entity-field" ref={box}>
      <span className="field-label">{noun}</span>
      <div className="entity-line">
        <button type="button" className="link-button entity-name" onClick={() => navigate({ view: kind === 'actor' ? 'actors' : 'sources', id: a.entity!.id })}>
          {a.entity.name}
        </button>
        <button type="button" className="link-button" onClick={() => setChanging(true)}>
          Change
        </button>
        <button type="button" className="link-button" onClick={() => link(null)}>
          Unlink
        </button>
      </div>
      {kind === 'source' ? <SourceGrading annotation={a} /> : null}
    </div>
  );
}

/** A source's reliability belongs to the source record: changing it here changes it everywhere. */
function SourceGrading({ annotation: a }: { annotation: Annotation }) {
  const api = useApi();
  const { reportError } = useServices();
  const [entity, setEntity] = useState<{ sourceType: SourceType | null } | null>(null);
  const entityId = a.entity!.id;
  const inOrder = useSavesInOrder();

  useEffect(() => {
    let current = true;
    api.call('entities.get', { id: entityId }).then(
      (e) => current && setEntity({ sourceType: e.sourceType }),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [api, entityId]);

  const save = (patch: { reliability?: Reliability | null; sourceType?: SourceType | null }) => {
    inOrder(async () => {
      const updated = await api.call('entities.update', { id: entityId, ...patch });
      setEntity({ sourceType: updated.sourceType });
      // The highlight carries the source's grade: fetch it again so every view shows the new one.
      announceSaved(await api.call('annotations.get', { id: a.id }));
    }).catch((e: unknown) => reportError(e, 'Could not grade the source'));
  };

  return (
    <div className="source-grading">
      <ReliabilitySelect label="Reliability" value={a.entity!.reliability} onChange={(reliability) => save({ reliability })} />
      <SourceTypeSelect label="Source type" value={entity?.sourceType ?? null} disabled={entity === null} onChange={(sourceType) => save({ sourceType })} />
      {a.entity!.reliability ? <p className="hint">{reliabilityText(a.entity!.reliability)} (for every highlight of {a.entity!.name})</p> : null}
    </div>
  );
}

function EntityChips({ label, entities, onRemove, onOpen }: { label: string; entities: EntityRef[]; onRemove(id: number): void; onOpen(id: number): void }) {
  if (entities.length === 0) return null;
  return (
    <ul className="chips" aria-label={label}>
      {entities.map((e) => (
        <li key={e.id} className="chip">
          <button type="button" className="chip-label link-button" onClick={() => onOpen(e.id)}>
            {e.name}
            {e.reliability ? <span className="chip-detail"> · {reliabilityText(e.reliability)}</span> : null}
          </button>
          <button type="button" className="chip-remove" aria-label={`Remove ${e.name}`} onClick={() => onRemove(e.id)}>
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}

function ClaimFields({ annotation: a, autoFocus }: { annotation: Annotation; autoFocus: boolean }) {
  const { actions, reportError } = useServices();
  const navigate = useNavigate();
  const [linking, setLinking] = useState(false);
  const inOrder = useSavesInOrder();
  const claim = a.claim ?? { credibility: null, claimants: [], sources: [], groupId: null, sameClaims: [], corroboration: 0 };
  const ids = (list: { id: number }[]) => list.map((e) => ({ id: e.id }));

  const update = (patch: { claimants?: EntityChoice[]; sources?: EntityChoice[]; credibility?: Credibility | null }) => {
    inOrder(() => actions.updateClaim(a, patch)).catch((e: unknown) => reportError(e, 'Could not save the claim'));
  };

  return (
    <div className="claim-fields">
      <div className="field">
        <span className="field-label">Claimants</span>
        <EntityChips
          label="Claimants"
          entities={claim.claimants}
          onOpen={(id) => navigate({ view: 'actors', id })}
          onRemove={(id) => update({ claimants: ids(claim.claimants.filter((e) => e.id !== id)) })}
        />
        <EntityPicker
          kind="actor"
          label="Add claimant"
          hideLabel={claim.claimants.length === 0 ? false : true}
          autoFocus={autoFocus}
          exclude={claim.claimants.map((e) => e.id)}
          onPick={(choice) => update({ claimants: [...ids(claim.claimants), choice] })}
        />
      </div>
      <div className="field">
        <span className="field-label">Sources</span>
        <EntityChips
          label="Sources"
          entities={claim.sources}
          onOpen={(id) => navigate({ view: 'sources', id })}
          onRemove={(id) => update({ sources: ids(claim.sources.filter((e) => e.id !== id)) })}
        />
        <EntityPicker
          kind="source"
          label="Add source"
          hideLabel={claim.sources.length === 0 ? false : true}
          exclude={claim.sources.map((e) => e.id)}
          onPick={(choice) => update({ sources: [...ids(claim.sources), choice] })}
        />
      </div>
      <CredibilitySelect label="Credibility" value={claim.credibility} onChange={(credibility) => update({ credibility })} />
      <div className="field same-claims">
        <span className="field-label">Same claim elsewhere</span>
        <Corroboration claim={claim} />
        {claim.sameClaims.length > 0 ? (
          <ul className="same-claim-list">
            {claim.sameClaims.map((r) => (
              <li key={r.annotationId}>
                <button type="button" className="link-button" onClick={() => navigate({ view: 'library', id: r.articleId, at: r.annotationId })}>
                  “{shortQuote(r.quote, 90)}”
                </button>
                <span className="muted"> — {r.articleTitle}{r.outlet ? ` (${r.outlet})` : ''}</span>
              </li>
            ))}
          </ul>
        ) : null}
        <div className="button-row">
          <button type="button" className="button" onClick={() => setLinking(true)}>
            Same claim as…
          </button>
          {claim.sameClaims.length > 0 ? (
            <button
              type="button"
              className="button"
              onClick={() => void actions.unlinkClaim(a).catch((e: unknown) => reportError(e, 'Could not unlink the claim'))}
            >
              Unlink from same claims
            </button>
          ) : null}
        </div>
      </div>
      {linking ? (
        <SameClaimDialog
          claim={a}
          onClose={() => setLinking(false)}
          onPick={(other) => {
            setLinking(false);
            actions.linkClaims(a, other).catch((e: unknown) => reportError(e, 'Could not link the claims'));
          }}
        />
      ) : null}
    </div>
  );
}

export function corroborationText(corroboration: number): string {
  return `Corroborated by ${corroboration} independent ${corroboration === 1 ? 'report' : 'reports'}`;
}

export function Corroboration({ claim }: { claim: NonNullable<Annotation['claim']> }) {
  if (claim.groupId === null || claim.sameClaims.length === 0) return <p className="hint">Not linked to the same claim in another article.</p>;
  return (
    <p className={claim.corroboration > 0 ? 'corroboration' : 'corroboration none'}>
      {corroborationText(claim.corroboration)}
      {claim.corroboration === 0 ? ' (the other reports are from the same outlet)' : ''}
    </p>
  );
}

function TagsField({ annotation: a }: { annotation: Annotation }) {
  const api = useApi();
  const { actions, tags, reloadTags, reportError } = useServices();
  const setTags = (tagIds: number[]) => {
    actions.update(a, { tagIds }).catch((e: unknown) => reportError(e, 'Could not tag the highlight'));
  };
  const current = a.tags.map((t) => t.id);
  return (
    <div className="field">
      <span className="field-label">Tags</span>
      {a.tags.length > 0 ? (
        <ul className="chips" aria-label="Tags">
          {a.tags.map((t) => (
            <li key={t.id} className="chip tag-chip">
              <span className="chip-label">{t.name}</span>
              <button type="button" className="chip-remove" aria-label={`Remove tag ${t.name}`} onClick={() => setTags(current.filter((id) => id !== t.id))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <Combobox<{ id: number } | { name: string }>
        label="Add tag"
        hideLabel
        placeholder="Add a tag…"
        load={async (query) => {
          const text = query.trim().toLowerCase();
          const options: { key: string; label: string; value: { id: number } | { name: string } }[] = tags
            .filter((t) => !current.includes(t.id) && (!text || t.name.toLowerCase().includes(text)))
            .slice(0, 8)
            .map((t) => ({ key: `t${t.id}`, label: t.name, value: { id: t.id } }));
          if (text && !tags.some((t) => t.name.toLowerCase() === text)) options.push({ key: 'create', label: `Create tag “${query.trim()}”`, value: { name: query.trim() } });
          return options;
        }}
        onPick={(option) => {
          const value = option.value;
          if ('id' in value) return setTags([...current, value.id]);
          api.call('tags.create', { name: value.name }).then(
            (tag) => {
              reloadTags();
              setTags([...current, tag.id]);
            },
            (e: unknown) => reportError(e, 'Could not create the tag'),
          );
        }}
      />
    </div>
  );
}

function NoteField({ annotation: a }: { annotation: Annotation }) {
  const { actions, reportError } = useServices();
  const id = useId();
  const [draft, setDraft] = useState(a.note);
  const [status, setStatus] = useState<'idle' | 'saving' | 'saved'>('idle');
  const editing = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef(a);
  latest.current = a;

  // Another view (or undo) changed the note: show it unless the user is typing here.
  useEffect(() => {
    if (!editing.current) setDraft(a.note);
  }, [a.note]);

  const save = (text: string) => {
    clearTimeout(timer.current);
    const before = latest.current;
    if (text === before.note) return;
    setStatus('saving');
    actions.update(before, { note: text }).then(
      () => setStatus('saved'),
      (e: unknown) => {
        setStatus('idle');
        reportError(e, 'Could not save the note');
      },
    );
  };

  useEffect(() => () => clearTimeout(timer.current), []);

  return (
    <div className="field note-field">
      <label htmlFor={id} className="field-label">
        Note {status === 'saving' ? <span className="save-state">Saving…</span> : status === 'saved' ? <span className="save-state">Saved</span> : null}
      </label>
      <textarea
        id={id}
        rows={3}
        value={draft}
        placeholder="Why this passage matters…"
        onFocus={() => {
          editing.current = true;
        }}
        onChange={(e) => {
          const text = e.target.value;
          setDraft(text);
          setStatus('idle');
          clearTimeout(timer.current);
          timer.current = setTimeout(() => save(text), 800);
        }}
        onBlur={(e) => {
          editing.current = false;
          save(e.target.value);
        }}
      />
    </div>
  );
}
