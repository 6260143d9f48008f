import { describe, expect, it } from 'vitest';
import { call } from '../../api/dispatch.ts';
import { fixture, tempLibrary } from '../../testing/temp.ts';
import { buildAnnotatedLibrary } from '../../testing/annotated-library.ts';

async function setup() {
  return buildAnnotatedLibrary(tempLibrary());
}

describe('dossiers', () => {
  it('creates a dossier from explicit articles and pages, in that order, with cover fields and a filter', async () => {
    const fx = await setup();
    const d = await call(fx.dispatch, 'dossiers.create', {
      name: '  Mediation  ',
      title: 'The Iranian channel',
      author: 'R. Analyst',
      date: '2026-11-20',
      handling: 'Restricted',
      filter: { kinds: ['source', 'claim', 'claim'], tagIds: [fx.tagId] },
      items: [{ articleId: fx.did }, { noteId: fx.noteId }, { articleId: fx.iran }, { articleId: fx.did }],
    });
    expect(d).toMatchObject({ name: 'Mediation', title: 'The Iranian channel', author: 'R. Analyst', date: '2026-11-20', handling: 'Restricted', articleCount: 2, noteCount: 1 });
    expect(d.filter).toEqual({ kinds: ['claim', 'source'], tagIds: [fx.tagId] });
    expect(d.items.map((i) => (i.type === 'article' ? `a${i.articleId}` : `n${i.noteId}`))).toEqual([`a${fx.did}`, `n${fx.noteId}`, `a${fx.iran}`]);
    const item = d.items[0]!;
    expect(item.type === 'article' && item.title).toBe('Taliban, Pakistan Enter Tentative Rapprochement Amid Mutual Distrust');
    expect(await call(fx.dispatch, 'dossiers.get', { id: d.id })).toEqual(d);
    expect((await call(fx.dispatch, 'dossiers.list', {})).map((s) => s.id)).toEqual([d.id]);
  });

  it('selects all articles (oldest first) or the articles with highlights carrying a tag or a tag under it', async () => {
    const fx = await setup();
    const all = await call(fx.dispatch, 'dossiers.create', { name: 'All', select: { all: true } });
    expect(all.items.map((i) => i.type === 'article' && i.articleId)).toEqual([fx.did, fx.iran, fx.briefing, fx.urdu]);

    const child = await call(fx.dispatch, 'tags.create', { name: 'Tehran round', parentId: fx.tagId });
    const tagged = await call(fx.dispatch, 'dossiers.create', { name: 'Tagged', select: { tagId: fx.tagId } });
    expect(tagged.items.map((i) => i.type === 'article' && i.articleId)).toEqual([fx.did, fx.iran, fx.briefing, fx.urdu]);
    const none = await call(fx.dispatch, 'dossiers.create', { name: 'Child only', select: { tagId: child.id } });
    expect(none.items).toEqual([]);
    await call(fx.dispatch, 'annotations.update', { id: fx.ids.urduClaim, tagIds: [child.id] });
    const viaChild = await call(fx.dispatch, 'dossiers.create', { name: 'Child', select: { tagId: child.id } });
    expect(viaChild.items.map((i) => i.type === 'article' && i.articleId)).toEqual([fx.urdu]);
  });

  it('reorders, adds without duplicates and removes items; updates cover fields and the filter', async () => {
    const fx = await setup();
    const d = await call(fx.dispatch, 'dossiers.create', { name: 'D', items: [{ articleId: fx.did }, { articleId: fx.iran }] });
    const reordered = await call(fx.dispatch, 'dossiers.setItems', { id: d.id, items: [{ articleId: fx.iran }, { noteId: fx.noteId }, { articleId: fx.did }] });
    expect(reordered.items.map((i) => i.type)).toEqual(['article', 'note', 'article']);
    expect(reordered.items[0]!.type === 'article' && reordered.items[0]!.articleId).toBe(fx.iran);
    const added = await call(fx.dispatch, 'dossiers.addItems', { id: d.id, items: [{ articleId: fx.did }], select: { all: true } });
    expect(added.items.map((i) => (i.type === 'article' ? i.articleId : `n${i.noteId}`))).toEqual([fx.iran, `n${fx.noteId}`, fx.did, fx.briefing, fx.urdu]);
    const removed = await call(fx.dispatch, 'dossiers.setItems', { id: d.id, items: [{ articleId: fx.urdu }] });
    expect(removed.articleCount).toBe(1);
    const updated = await call(fx.dispatch, 'dossiers.update', { id: d.id, title: 'New title', date: null, filter: { kinds: ['actor'], tagIds: [] } });
    expect(updated).toMatchObject({ name: 'D', title: 'New title', date: null, filter: { kinds: ['actor'], tagIds: [] } });
    const deleted = await call(fx.dispatch, 'dossiers.delete', { id: d.id });
    expect(deleted.id).toBe(d.id);
    expect(await call(fx.dispatch, 'dossiers.list', {})).toEqual([]);
    expect(fx.library.db.prepare('SELECT count(*) FROM dossier_item').pluck().get()).toBe(0);
  });

  it('refuses missing articles, pages, tags and dossiers, naming the field, and changes nothing', async () => {
    const fx = await setup();
    const cases: [string, unknown, string, RegExp][] = [
      ['dossiers.create', { name: 'X', items: [{ articleId: 999 }] }, 'NOT_FOUND', /no article 999 .*\(items\)/],
      ['dossiers.create', { name: 'X', items: [{ noteId: 999 }] }, 'NOT_FOUND', /no notebook page 999/],
      ['dossiers.create', { name: 'X', select: { tagId: 999 } }, 'NOT_FOUND', /no tag 999 .*select\.tagId/],
      ['dossiers.create', { name: 'X', filter: { kinds: ['claim'], tagIds: [999] } }, 'NOT_FOUND', /filter\.tagIds/],
      ['dossiers.get', { id: 999 }, 'NOT_FOUND', /no dossier 999/],
      ['dossiers.setItems', { id: 999, items: [] }, 'NOT_FOUND', /no dossier 999/],
    ];
    for (const [method, input, code, detail] of cases) {
      const result = await fx.dispatch(method, input);
      expect(result.ok, method).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe(code);
        expect(result.error.detail).toMatch(detail);
      }
    }
    for (const input of [{ name: '' }, { name: 'X', filter: { kinds: ['rumour'], tagIds: [] } }, { name: 'X', date: '22/11/2026' }, { name: 'X', select: { all: false } }]) {
      const result = await fx.dispatch('dossiers.create', input);
      expect(!result.ok && result.error.code).toBe('INVALID_INPUT');
    }
    expect(await call(fx.dispatch, 'dossiers.list', {})).toEqual([]);
  });

  it('loses an item when its article is deleted from the library', async () => {
    const fx = await setup();
    const d = await call(fx.dispatch, 'dossiers.create', { name: 'D', items: [{ articleId: fx.did }, { articleId: fx.urdu }] });
    fixture(fx.library.db, () => fx.library.db.prepare('DELETE FROM article WHERE id = ?').run(fx.urdu));
    expect((await call(fx.dispatch, 'dossiers.get', { id: d.id })).items).toHaveLength(1);
  });
});
