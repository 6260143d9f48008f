// Property: any sequence of user actions, undone step by step, leaves every user table as
// it started; redone, as it ended. Random sequences of 200+ actions of every kind go through
// dispatch, as the app's do; fast-check shrinks a failing one to the shortest it can find.
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createDispatcher, type Dispatch } from '../api/dispatch.ts';
import { documentFromParagraphs } from '../../common/text/document.ts';
import type { MethodName } from '../../common/api/contract.ts';
import { AppError } from '../../common/api/errors.ts';
import { snapshotUserTables, tempDir } from '../testing/temp.ts';
import { checkLibrary, closeLibrary, openLibrarySession, type Library } from './library.ts';

const RUNS = Number(process.env.CASEFILE_PROPERTY_RUNS ?? 100);
const ACTIONS = 200;

/** One user action, drawn as numbers; run against whatever the library holds at that moment. */
type Action = { kind: (typeof KINDS)[number]; a: number; b: number; c: number; text: string };

const KINDS = [
  'highlight',
  'highlight',
  'highlight',
  'retag',
  'note',
  'tags',
  'link-entity',
  'delete',
  'claim',
  'same-claim',
  'unlink-claim',
  'contradict',
  'uncontradict',
  'tag-create',
  'tag-update',
  'tag-delete',
  'page-create',
  'page-update',
  'page-delete',
  'entity-create',
  'entity-update',
  'entity-merge',
  'article-metadata',
  'article-text',
  'dossier-create',
  'dossier-update',
  'dossier-items',
  'dossier-delete',
  'dismiss',
  'undismiss',
] as const;

const action: fc.Arbitrary<Action> = fc.record({
  kind: fc.constantFrom(...KINDS),
  a: fc.nat(),
  b: fc.nat(),
  c: fc.nat(),
  text: fc.constantFrom('Talks', 'Mediation', 'Doha', 'Haqqani', 'Kabul', 'Iran', 'Check against Dawn.', 'آئی ایس پی آر'),
});

function pick<T>(list: readonly T[], n: number): T | undefined {
  return list.length === 0 ? undefined : list[n % list.length];
}

function ids(library: Library, sql: string): number[] {
  return library.db.prepare(sql).pluck().all() as number[];
}

/** Runs one action; a refusal the app would show the user (AppError) is part of the game. */
async function run(library: Library, dispatch: Dispatch, act: Action): Promise<void> {
  const articles = ids(library, 'SELECT id FROM article ORDER BY id');
  const annotations = ids(library, 'SELECT id FROM annotation ORDER BY id');
  const claims = ids(library, 'SELECT annotation_id FROM claim ORDER BY 1');
  const tags = ids(library, 'SELECT id FROM tag ORDER BY id');
  const notes = ids(library, 'SELECT id FROM note ORDER BY id');
  const entities = ids(library, 'SELECT id FROM entity ORDER BY id');
  const dossiers = ids(library, 'SELECT id FROM dossier ORDER BY id');
  const articleId = pick(articles, act.a)!;
  const textLength = (library.db.prepare('SELECT length(text) FROM article WHERE id = ?').pluck().get(articleId) as number) ?? 1;
  const annotation = pick(annotations, act.a);
  const claim = pick(claims, act.a);
  const otherClaim = pick(claims, act.b);
  const tag = pick(tags, act.b);
  const kinds = ['claim', 'actor', 'source', 'highlight'] as const;
  const calls: { [K in Action['kind']]: () => [MethodName, unknown] | null } = {
    highlight: () => {
      const start = act.b % Math.max(1, textLength - 1);
      const end = Math.min(textLength, start + 1 + (act.c % 40));
      const kind = kinds[act.c % 4]!;
      return ['annotations.create', { articleId, kind, target: { start, end }, ...(kind === 'actor' ? { entity: { name: act.text } } : {}), ...(tag && act.c % 3 === 0 ? { tagIds: [tag] } : {}) }];
    },
    retag: () => (annotation ? ['annotations.update', { id: annotation, kind: kinds[act.b % 4]! }] : null),
    note: () => (annotation ? ['annotations.update', { id: annotation, note: `${act.text} ${act.b}` }] : null),
    tags: () => (annotation ? ['annotations.update', { id: annotation, tagIds: tags.filter((_, i) => (act.b >> i) & 1) }] : null),
    'link-entity': () => (annotation ? ['annotations.update', { id: annotation, kind: act.b % 2 ? 'actor' : 'source', entity: act.c % 3 === 0 ? null : { name: act.text } }] : null),
    delete: () => (annotation ? ['annotations.delete', { id: annotation }] : null),
    claim: () => (claim ? ['claims.update', { id: claim, credibility: act.b % 3 === 0 ? null : 1 + (act.b % 6), claimants: [{ name: act.text }], ...(act.c % 2 ? { sources: [{ name: `${act.text} desk` }] } : {}) }] : null),
    'same-claim': () => (claim && otherClaim ? ['claims.link', { id: claim, sameAs: otherClaim }] : null),
    'unlink-claim': () => (claim ? ['claims.unlink', { id: claim }] : null),
    contradict: () => (claim && otherClaim ? ['claims.markContradiction', { id: claim, otherId: otherClaim }] : null),
    uncontradict: () => (claim && otherClaim ? ['claims.unmarkContradiction', { id: claim, otherId: otherClaim }] : null),
    'tag-create': () => ['tags.create', { name: `${act.text} ${act.b % 7}`, parentId: act.c % 2 ? (tag ?? null) : null }],
    'tag-update': () => (tag ? ['tags.update', { id: tag, name: `${act.text} ${act.c % 5}`, color: act.c % 2 ? '#a1b2c3' : null }] : null),
    'tag-delete': () => (tag ? ['tags.delete', { id: tag }] : null),
    'page-create': () => ['notes.create', { title: act.text, body: pageBody(act, annotations) }],
    'page-update': () => (notes.length ? ['notes.update', { id: pick(notes, act.a)!, title: act.c % 2 ? act.text : undefined, body: pageBody(act, annotations) }] : null),
    'page-delete': () => (notes.length ? ['notes.delete', { id: pick(notes, act.a)! }] : null),
    'entity-create': () => ['entities.create', { kind: act.b % 2 ? 'actor' : 'source', name: `${act.text} ${act.c % 9}`, aliases: act.c % 2 ? [`${act.text}-${act.b % 5}`] : [] }],
    'entity-update': () => (entities.length ? ['entities.update', { id: pick(entities, act.a)!, description: act.text, aliases: [`${act.text}.${act.c % 4}`] }] : null),
    'entity-merge': () => (entities.length > 1 ? ['entities.merge', { keepId: pick(entities, act.a)!, mergeId: pick(entities, act.b)! }] : null),
    'article-metadata': () => ['articles.updateMetadata', { id: articleId, metadata: { title: `${act.text} ${act.b % 100}`, outlet: act.c % 2 ? 'Dawn' : null } }],
    'article-text': () => {
      const text = library.db.prepare('SELECT text FROM article WHERE id = ?').pluck().get(articleId) as string;
      const paragraphs = text.split('\n\n');
      // A correction: one paragraph reworded, or dropped (its highlights become orphans).
      const i = act.b % paragraphs.length;
      if (act.c % 2 && paragraphs.length > 1) paragraphs.splice(i, 1);
      else paragraphs[i] = `${act.text}. ${paragraphs[i]}`;
      return ['articles.updateText', { id: articleId, body: documentFromParagraphs(paragraphs) }];
    },
    'dossier-create': () => ['dossiers.create', { name: act.text, items: [{ articleId }, ...(notes.length ? [{ noteId: pick(notes, act.b)! }] : [])] }],
    'dossier-update': () => (dossiers.length ? ['dossiers.update', { id: pick(dossiers, act.a)!, title: act.text, handling: act.c % 2 ? 'Internal' : '' }] : null),
    'dossier-items': () => (dossiers.length ? ['dossiers.setItems', { id: pick(dossiers, act.a)!, items: articles.filter((_, i) => (act.b >> i) & 1).map((id) => ({ articleId: id })) }] : null),
    'dossier-delete': () => (dossiers.length ? ['dossiers.delete', { id: pick(dossiers, act.a)! }] : null),
    dismiss: () => ['suggestions.dismiss', { articleId, text: act.text }],
    undismiss: () => ['suggestions.undismiss', { articleId, text: act.text }],
  };
  const request = calls[act.kind]();
  if (!request) return;
  const result = await dispatch(request[0], request[1]);
  if (!result.ok && (result.error.code === 'INTERNAL' || result.error.code === 'HISTORY_CONFLICT')) {
    throw new AppError(result.error.code, `${request[0]} ${JSON.stringify(request[1])}: ${result.error.detail ?? result.error.message}`);
  }
}

function pageBody(act: Action, annotations: readonly number[]) {
  const body = documentFromParagraphs([`${act.text} (${act.b % 50})`]);
  const quoted = pick(annotations, act.c);
  if (quoted !== undefined) body.root.children.push({ type: 'annotation-quote', version: 1, annotationId: quoted, articleId: 1, quote: 'q', articleTitle: 't' });
  return body;
}

describe('undo and redo, as a property', { timeout: 1_800_000 }, () => {
  let template: string;
  beforeAll(() => {
    // One seeded library copied per run: opening and seeding once, not a hundred times.
    template = path.join(tempDir(), 'template.casefile');
    closeLibrary(openLibrarySession(template, { create: true, dailyBackup: false }));
  });
  afterAll(() => undefined);

  it(`${ACTIONS} random actions of every kind, undone all, leave every user table as it was; redone all, as it ended (${RUNS} seeds)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: ACTIONS, maxLength: ACTIONS }), async (actions) => {
        const file = path.join(tempDir(), 'run.casefile');
        fs.copyFileSync(template, file);
        const library = openLibrarySession(file, { dailyBackup: false });
        // Durability is not under test here: skip the fsync of every commit.
        library.db.pragma('synchronous = OFF');
        try {
          const dispatch = createDispatcher(() => ({ library }), { undoLimit: ACTIONS });
          const start = snapshotUserTables(library.db);
          for (const act of actions) await run(library, dispatch, act);
          const end = snapshotUserTables(library.db);
          const steps = (await call(dispatch, 'history.state', {})).undoCount;
          // Many actions apply (some are refused, as the app would refuse them): the property is not vacuous.
          // About half apply on a typical run; a quarter is the floor (one run in CI had 99 of 200).
          expect(steps).toBeGreaterThan(ACTIONS / 4);
          for (let i = 0; i < steps; i++) expect((await call(dispatch, 'history.undo', {})).done).not.toBeNull();
          expect(snapshotUserTables(library.db)).toEqual(start);
          for (let i = 0; i < steps; i++) expect((await call(dispatch, 'history.redo', {})).done).not.toBeNull();
          expect(snapshotUserTables(library.db)).toEqual(end);
          expect(checkLibrary(library).ok).toBe(true);
        } finally {
          closeLibrary(library);
        }
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  });
});
