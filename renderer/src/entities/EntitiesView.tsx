// Actors and sources: a searchable list beside the open record's page. The page edits
// the name, aliases (and for sources their type and reliability), merges duplicates,
// and lists every mention and claim across all articles, each opening the passage.
import { useCallback, useEffect, useId, useState } from 'react';
import type { Input } from '../../../common/api/contract.ts';
import type { EntityDetail, EntityKind, EntityMention, EntitySummary } from '../../../common/api/methods/entities.ts';
import type { AlongsideActor } from '../../../common/api/methods/connections.ts';
import { useApi } from '../api/ApiProvider.tsx';
import { AnchorBadge, KindBadge } from '../components/badges.tsx';
import { EntityPicker } from '../components/EntityPicker.tsx';
import { credibilityText, ReliabilitySelect, reliabilityText, SourceTypeSelect } from '../components/grades.tsx';
import { corroborationText } from '../reader/AnnotationEditor.tsx';
import type { Route } from '../shell/route.ts';
import { useNavigate } from '../shell/navigation.tsx';
import { useServices } from '../shell/services.tsx';
import { useLibraryChanged } from '../api/useLibraryChanged.ts';
import { HistoryPanel } from '../components/HistoryPanel.tsx';
import { useSavesInOrder } from '../state/savesInOrder.ts';

const NOUN: Record<EntityKind, { one: string; many: string; view: string }> = {
  actor: { one: 'actor', many: 'Actors', view: 'actors' },
  source: { one: 'source', many: 'Sources', view: 'sources' },
};


export function EntitiesView({ kind, route }: { kind: EntityKind; route: Route }) {
  const api = useApi();
  const { reportError } = useServices();
  const navigate = useNavigate();
  const noun = NOUN[kind];
  const [query, setQuery] = useState('');
  const [list, setList] = useState<EntitySummary[] | null>(null);
  const [creating, setCreating] = useState(false);
  const [newName, setNewName] = useState('');
  const filterId = useId();

  const load = useCallback(() => {
    api.call('entities.list', { kind, query: query.trim() || undefined, limit: 5_000 }).then(setList, (e: unknown) => reportError(e, `Could not list ${noun.many.toLowerCase()}`));
  }, [api, kind, query, reportError, noun.many]);

  useEffect(() => {
    const timer = setTimeout(load, query ? 120 : 0);
    return () => clearTimeout(timer);
  }, [load, query]);
  useLibraryChanged(load, { kinds: ['entity', 'annotation'] });

  const create = () => {
    const name = newName.trim();
    if (!name) return;
    api.call('entities.create', { kind, name }).then(
      (created) => {
        setCreating(false);
        setNewName('');
        load();
        navigate({ view: noun.view, id: created.id });
      },
      (e: unknown) => reportError(e, `Could not create the ${noun.one}`),
    );
  };

  return (
    <div className="split-view">
      <nav className="list-pane" aria-label={noun.many}>
        <div className="list-heading">
          {/* The view's level-one heading while nothing is open; an open record's title takes it over. */}
          {route.id ? <h2>{noun.many}</h2> : <h1>{noun.many}</h1>}
          <span className="list-count">{list ? list.length : ''}</span>
        </div>
        <div className="list-tools">
          <label htmlFor={filterId} className="visually-hidden">
            Filter {noun.many.toLowerCase()}
          </label>
          <input id={filterId} type="search" placeholder={`Filter ${noun.many.toLowerCase()} and aliases`} value={query} onChange={(e) => setQuery(e.target.value)} />
          {creating ? (
            <form
              className="inline-form"
              onSubmit={(e) => {
                e.preventDefault();
                create();
              }}
            >
              <input aria-label={`New ${noun.one} name`} autoFocus value={newName} onChange={(e) => setNewName(e.target.value)} placeholder="Name" />
              <button type="submit" className="button primary">
                Create
              </button>
              <button type="button" className="button" onClick={() => setCreating(false)}>
                Cancel
              </button>
            </form>
          ) : (
            <button type="button" className="button" onClick={() => setCreating(true)}>
              New {noun.one}
            </button>
          )}
        </div>
        {list && list.length === 0 ? (
          <p className="list-empty">{query ? `No ${noun.one} matches “${query}”.` : `No ${noun.many.toLowerCase()} yet. Tag a passage as ${kind === 'actor' ? 'an actor' : 'a source'} in an article to make one.`}</p>
        ) : null}
        <ul className="entity-list">
          {list?.map((e) => (
            <li key={e.id}>
              <button
                type="button"
                className={e.id === route.id ? 'list-item selected' : 'list-item'}
                aria-current={e.id === route.id ? 'true' : undefined}
                onClick={() => navigate({ view: noun.view, id: e.id })}
              >
                <span className="list-item-title">{e.name}</span>
                <span className="list-item-meta">
                  {e.mentionCount} {e.mentionCount === 1 ? 'mention' : 'mentions'} · {e.claimCount} {e.claimCount === 1 ? 'claim' : 'claims'}
                  {e.reliability ? ` · ${reliabilityText(e.reliability)}` : ''}
                </span>
                {e.aliases.length ? <span className="list-item-meta muted">also {e.aliases.join(', ')}</span> : null}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <section className="page-pane" aria-label={kind === 'actor' ? 'Actor' : 'Source'}>
        {route.id ? <EntityPage key={route.id} id={route.id} kind={kind} /> : <div className="reader-empty"><p>Choose {kind === 'actor' ? 'an actor' : 'a source'} to see every mention across the library.</p></div>}
      </section>
    </div>
  );
}

function EntityPage({ id, kind }: { id: number; kind: EntityKind }) {
  const api = useApi();
  const { reportError } = useServices();
  const navigate = useNavigate();
  const noun = NOUN[kind];
  const [entity, setEntity] = useState<EntityDetail | null>(null);
  const [missing, setMissing] = useState(false);
  const [name, setName] = useState('');
  const [alias, setAlias] = useState('');
  const [merging, setMerging] = useState(false);
  const nameId = useId();
  const aliasId = useId();

  const load = useCallback(() => {
    api.call('entities.get', { id }).then(
      (e) => {
        setEntity(e);
        setName(e.name);
      },
      () => setMissing(true),
    );
  }, [api, id]);
  useEffect(load, [load]);
  useLibraryChanged(load, { kinds: ['entity', 'annotation'] });
  const inOrder = useSavesInOrder();

  if (missing) return <div className="reader-empty"><p>This {noun.one} is no longer in the library (it may have been merged into another).</p></div>;
  if (!entity) return <div className="reader-empty"><p>Loading…</p></div>;

  const update = (patch: Omit<Input<'entities.update'>, 'id'>) => {
    inOrder(() => api.call('entities.update', { id, ...patch })).then(
      () => load(),
      (e: unknown) => {
        reportError(e, `Could not save the ${noun.one}`);
        load();
      },
    );
  };

  const byArticle = groupByArticle(entity.mentions);
  return (
    <article className="entity-page" aria-labelledby={nameId}>
      <header className="entity-header">
        <h1 id={nameId} className="entity-title">{entity.name}</h1>
        <p className="muted">
          {entity.mentionCount} {entity.mentionCount === 1 ? 'mention' : 'mentions'} · {entity.claimCount} {entity.claimCount === 1 ? 'claim' : 'claims'}
          {entity.reliability ? ` · ${reliabilityText(entity.reliability)}` : ''}
        </p>
      </header>
      <section className="entity-fields" aria-label="Record">
        <div className="field">
          <label className="field-label" htmlFor={`${nameId}-name`}>Name</label>
          <input
            id={`${nameId}-name`}
            value={name}
            onChange={(e) => setName(e.target.value)}
            onBlur={() => name.trim() && name.trim() !== entity.name && update({ name: name.trim() })}
            onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
          />
        </div>
        <div className="field">
          <span className="field-label">Aliases</span>
          <ul className="chips" aria-label="Aliases">
            {entity.aliases.map((a) => (
              <li key={a} className="chip">
                <span className="chip-label">{a}</span>
                <button type="button" className="chip-remove" aria-label={`Remove alias ${a}`} onClick={() => update({ aliases: entity.aliases.filter((x) => x !== a) })}>
                  ×
                </button>
              </li>
            ))}
          </ul>
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              if (!alias.trim()) return;
              update({ aliases: [...entity.aliases, alias.trim()] });
              setAlias('');
            }}
          >
            <label htmlFor={aliasId} className="visually-hidden">New alias</label>
            <input id={aliasId} value={alias} onChange={(e) => setAlias(e.target.value)} placeholder={kind === 'actor' ? 'Add an alias, e.g. “Munir”' : 'Add an alias'} />
            <button type="submit" className="button">Add alias</button>
          </form>
        </div>
        {kind === 'source' ? (
          <div className="field-row">
            <SourceTypeSelect label="Source type" value={entity.sourceType} onChange={(sourceType) => update({ sourceType })} />
            <ReliabilitySelect label="Reliability" value={entity.reliability} onChange={(reliability) => update({ reliability })} />
          </div>
        ) : null}
        <div className="field">
          <label className="field-label" htmlFor={`${nameId}-desc`}>Description</label>
          <textarea
            id={`${nameId}-desc`}
            rows={2}
            defaultValue={entity.description}
            key={entity.description}
            onBlur={(e) => e.target.value !== entity.description && update({ description: e.target.value })}
          />
        </div>
        <div className="field">
          {merging ? (
            <div className="merge-box">
              <EntityPicker
                kind={kind}
                label={`Merge another ${noun.one} into ${entity.name}`}
                autoFocus
                exclude={[entity.id]}
                onPick={(choice) => {
                  setMerging(false);
                  if (!('id' in choice)) return;
                  api.call('entities.merge', { keepId: entity.id, mergeId: choice.id }).then(
                    () => load(),
                    (e: unknown) => reportError(e, 'Could not merge'),
                  );
                }}
              />
              <button type="button" className="link-button" onClick={() => setMerging(false)}>Cancel</button>
              <p className="hint">Its name and aliases become aliases of {entity.name}; its highlights and claims move here.</p>
            </div>
          ) : (
            <button type="button" className="button" onClick={() => setMerging(true)}>
              Merge another {noun.one} into this one…
            </button>
          )}
        </div>
        <HistoryPanel of={{ entityId: entity.id }} />
      </section>
      <section aria-labelledby={`${nameId}-mentions`}>
        <h2 id={`${nameId}-mentions`} className="section-title">Mentions ({entity.mentions.length})</h2>
        {entity.mentions.length === 0 ? <p className="hint">No highlight names this {noun.one} yet.</p> : null}
        {byArticle.map(([articleTitle, mentions]) => (
          <div key={articleTitle} className="mention-group">
            <h3 className="mention-article">{articleTitle}</h3>
            <ul className="mention-list">
              {mentions.map((m) => (
                <li key={m.id}>
                  <MentionLink mention={m} onOpen={() => navigate({ view: 'library', id: m.articleId, at: m.id })} />
                </li>
              ))}
            </ul>
          </div>
        ))}
      </section>
      <section aria-labelledby={`${nameId}-claims`}>
        <h2 id={`${nameId}-claims`} className="section-title">
          {kind === 'actor' ? 'Claims made' : 'Claims attributed to this source'} ({entity.claims.length})
        </h2>
        {entity.claims.length === 0 ? <p className="hint">None yet.</p> : null}
        <ul className="mention-list">
          {entity.claims.map((m) => (
            <li key={m.id}>
              <MentionLink mention={m} withArticle onOpen={() => navigate({ view: 'library', id: m.articleId, at: m.id })} />
            </li>
          ))}
        </ul>
      </section>
      {kind === 'actor' ? <AlongsideSection actorId={entity.id} onOpen={(other) => navigate({ view: 'actors', id: other })} /> : null}
    </article>
  );
}

/** Actors seen with this one: in the same claims, or highlighted in the same articles. */
function AlongsideSection({ actorId, onOpen }: { actorId: number; onOpen(id: number): void }) {
  const api = useApi();
  const [alongside, setAlongside] = useState<AlongsideActor[] | null>(null);
  const headingId = useId();
  const load = useCallback(() => {
    api.call('actors.alongside', { id: actorId, limit: 50 }).then(setAlongside, () => setAlongside([]));
  }, [api, actorId]);
  useEffect(load, [load]);
  useLibraryChanged(load, { kinds: ['entity', 'annotation'] });
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId} className="section-title">
        Mentioned alongside ({alongside?.length ?? 0})
      </h2>
      {alongside && alongside.length === 0 ? <p className="hint">No other actor appears in the same claims or articles yet.</p> : null}
      <ul className="mention-list">
        {(alongside ?? []).map((a) => (
          <li key={a.actor.id}>
            <button type="button" className="link-button" onClick={() => onOpen(a.actor.id)}>
              {a.actor.name}
            </button>{' '}
            <span className="hint">
              {a.sharedClaims} shared {a.sharedClaims === 1 ? 'claim' : 'claims'}, {a.sharedArticles} shared {a.sharedArticles === 1 ? 'article' : 'articles'}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function groupByArticle(mentions: EntityMention[]): [string, EntityMention[]][] {
  const groups = new Map<string, EntityMention[]>();
  for (const m of mentions) {
    const key = m.articleTitle || `Article ${m.articleId}`;
    const list = groups.get(key);
    if (list) list.push(m);
    else groups.set(key, [m]);
  }
  return [...groups];
}

export function MentionLink({ mention: m, onOpen, withArticle }: { mention: EntityMention; onOpen(): void; withArticle?: boolean }) {
  const claim = m.claim;
  return (
    <button type="button" className="mention" onClick={onOpen}>
      <span className="mention-head">
        <KindBadge kind={m.kind} />
        {m.anchorStatus !== 'exact' ? <AnchorBadge status={m.anchorStatus} /> : null}
        {withArticle ? <span className="muted">{m.articleTitle}{m.outlet ? ` · ${m.outlet}` : ''}</span> : null}
      </span>
      <span className="mention-quote">“{m.quote.exact}”</span>
      {claim ? (
        <span className="mention-meta">
          {[
            claim.claimants.length ? `Claimed by ${claim.claimants.map((e) => e.name).join(', ')}` : null,
            claim.sources.length ? `Source: ${claim.sources.map((e) => e.name).join(', ')}` : null,
            claim.credibility ? `Credibility ${credibilityText(claim.credibility)}` : null,
            claim.sameClaims.length ? corroborationText(claim.corroboration) : null,
          ]
            .filter(Boolean)
            .join(' · ')}
        </span>
      ) : null}
    </button>
  );
}
