// Dossiers: saved selections of articles and notebook pages with cover fields and a
// highlight filter. Every change that writes more than one row runs in one transaction.
import { AppError } from '../../../common/api/errors.ts';
import type { ParsedInput } from '../../../common/api/contract.ts';
import { ANNOTATION_KINDS } from '../../../common/api/methods/annotations.ts';
import type { ArticleSelection, Dossier, DossierItemRef, DossierSummary, HighlightFilter } from '../../../common/api/methods/dossiers.ts';
import { nowIso } from '../../db/time.ts';
import type { Library } from '../library.ts';
import * as repo from '../../db/repositories/dossiers.ts';
import { mutate } from '../../db/mutation.ts';
import { quoted } from '../../../common/text/quote.ts';

export function listDossiers(library: Library): DossierSummary[] {
  return repo.listDossiers(library.db);
}

export function getDossier(library: Library, id: number): Dossier {
  const dossier = repo.readDossier(library.db, id);
  if (!dossier) throw new AppError('NOT_FOUND', `There is no dossier ${id} in this library.`);
  return dossier;
}

/**
 * The articles a bulk selection names, in dossier order. The search feature plugs in
 * here: a `{ search }` selection will resolve to the articles the query matches.
 */
export function selectArticles(library: Library, selection: ArticleSelection): number[] {
  const { db } = library;
  if ('all' in selection) return repo.allArticleIds(db);
  if ('tagId' in selection) {
    if (repo.missingIds(db, 'tag', [selection.tagId]).length) throw new AppError('NOT_FOUND', `There is no tag ${selection.tagId} in this library (select.tagId).`);
    return repo.articleIdsWithTag(db, selection.tagId);
  }
  assertArticlesExist(library, selection.articleIds, 'select.articleIds');
  return [...new Set(selection.articleIds)];
}

function assertArticlesExist(library: Library, ids: readonly number[], field: string): void {
  const missing = repo.missingIds(library.db, 'article', ids);
  if (missing.length) throw new AppError('NOT_FOUND', `There is no article ${missing.join(', ')} in this library (${field}).`);
}

function assertItemsExist(library: Library, items: readonly DossierItemRef[]): void {
  assertArticlesExist(library, items.flatMap((i) => ('articleId' in i ? [i.articleId] : [])), 'items');
  const missingNotes = repo.missingIds(library.db, 'note', items.flatMap((i) => ('noteId' in i ? [i.noteId] : [])));
  if (missingNotes.length) throw new AppError('NOT_FOUND', `There is no notebook page ${missingNotes.join(', ')} in this library (items).`);
}

function itemKey(item: DossierItemRef): string {
  return 'articleId' in item ? `a${item.articleId}` : `n${item.noteId}`;
}

/** Items in order, without repeats: an article or page appears in a dossier once. */
function uniqueItems(items: readonly DossierItemRef[]): DossierItemRef[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = itemKey(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function checkFilter(library: Library, filter: HighlightFilter): HighlightFilter {
  const missing = repo.missingIds(library.db, 'tag', filter.tagIds);
  if (missing.length) throw new AppError('NOT_FOUND', `There is no tag ${missing.join(', ')} in this library (filter.tagIds).`);
  // Kept in the built-in order so the stored value does not depend on click order.
  return { kinds: ANNOTATION_KINDS.filter((k) => filter.kinds.includes(k)), tagIds: [...new Set(filter.tagIds)] };
}

export function createDossier(library: Library, input: ParsedInput<'dossiers.create'>): Dossier {
  const filter = checkFilter(library, input.filter ?? { kinds: [...ANNOTATION_KINDS], tagIds: [] });
  const { result: id } = mutate(library.db, { label: `Create the dossier ${quoted(input.name)}` }, (db) => {
    const explicit = input.items ?? [];
    assertItemsExist(library, explicit);
    const selected = input.select ? selectArticles(library, input.select).map((articleId) => ({ articleId })) : [];
    const now = nowIso();
    const created = repo.insertDossier(
      db,
      { name: input.name, title: input.title ?? '', author: input.author ?? '', date: input.date ?? null, handling: input.handling ?? '', filter },
      now,
    );
    repo.replaceItems(db, created, uniqueItems([...explicit, ...selected]));
    return created;
  });
  return getDossier(library, id);
}

export function updateDossier(library: Library, input: ParsedInput<'dossiers.update'>): Dossier {
  const current = getDossier(library, input.id);
  const filter = input.filter ? checkFilter(library, input.filter) : current.filter;
  mutate(library.db, { label: `Edit the dossier ${quoted(current.name)}` }, (db) =>
    repo.updateDossierRow(
      db,
      current.id,
      {
        name: input.name ?? current.name,
        title: input.title ?? current.title,
        author: input.author ?? current.author,
        date: input.date === undefined ? current.date : input.date,
        handling: input.handling ?? current.handling,
        filter,
      },
      nowIso(),
    ),
  );
  return getDossier(library, current.id);
}

export function setDossierItems(library: Library, id: number, items: readonly DossierItemRef[]): Dossier {
  const dossier = getDossier(library, id);
  mutate(library.db, { label: `Arrange the dossier ${quoted(dossier.name)}` }, (db) => {
    assertItemsExist(library, items);
    repo.replaceItems(db, id, uniqueItems(items));
    repo.touchDossier(db, id, nowIso());
  });
  return getDossier(library, id);
}

export function addDossierItems(library: Library, input: ParsedInput<'dossiers.addItems'>): Dossier {
  const dossier = getDossier(library, input.id);
  mutate(library.db, { label: `Add to the dossier ${quoted(dossier.name)}` }, (db) => {
    const explicit = input.items ?? [];
    assertItemsExist(library, explicit);
    const selected = input.select ? selectArticles(library, input.select).map((articleId) => ({ articleId })) : [];
    const current: DossierItemRef[] = dossier.items.map((i) => (i.type === 'article' ? { articleId: i.articleId } : { noteId: i.noteId }));
    repo.replaceItems(db, dossier.id, uniqueItems([...current, ...explicit, ...selected]));
    repo.touchDossier(db, dossier.id, nowIso());
  });
  return getDossier(library, input.id);
}

export function deleteDossier(library: Library, id: number): DossierSummary {
  const { filter: _filter, items: _items, ...summary } = getDossier(library, id);
  mutate(library.db, { label: `Delete the dossier ${quoted(summary.name)}` }, (db) => repo.deleteDossierRow(db, id));
  return summary;
}
