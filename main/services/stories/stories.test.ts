// Wire copies are evidence, not duplicates: one story carried by three outlets is one
// article with three appearances (each with its own original file and hash), a lightly
// edited copy is its own article flagged "probably the same story" for the researcher to
// answer, and corroboration counts independent reports, not outlets that printed one text.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { call, createDispatcher } from '../../api/dispatch.ts';
import { BIN, ROOT } from '../../hardening/helpers.ts';
import { tempDir, tempLibrary } from '../../testing/temp.ts';
import { migration005 } from '../../db/migrations/005_appearances.ts';
import { closeLibrary, openLibrarySession, type Library } from '../library.ts';
import { collectInputs, importInputs } from '../import/importer.ts';
import { sha256Hex } from '../../db/sha256.ts';
import { jaccard, shingleHashes, signature } from '../../db/minhash.ts';
import { HEADLINE, OTHER, WIRE, editedCopy, page, writeWireFolder } from '../../testing/wire-copies.ts';
import { eachStoredOriginal, originalBytesOf } from '../../db/repositories/articles.ts';
import { uncompressArticles } from '../../testing/uncompressed.ts';

/** Imports the files one after another, in the order given (a folder converts in parallel). */
async function importFiles(library: Library, files: readonly string[]) {
  const outcomes = [];
  for (const file of files) outcomes.push(...(await importInputs(library, collectInputs([file]).inputs)));
  return outcomes;
}

function claimOn(library: Library, articleId: number, quote: string): Promise<{ id: number }> {
  const dispatch = createDispatcher(() => ({ library }));
  return call(dispatch, 'annotations.create', { articleId, kind: 'claim', target: { quote }, claimants: [{ name: 'Masoud Pezeshkian' }] });
}

describe('wire copies and near-copies', () => {
  it('one wire story from three outlets is one article with three appearances, each with its own evidence', async () => {
    const library = tempLibrary({ seed: false });
    const { files } = writeWireFolder(tempDir('casefile-wire-'));
    const outcomes = await importFiles(library, files);
    expect(outcomes.map((o) => o.status)).toEqual(['imported', 'appearance', 'appearance']);
    const articleId = outcomes[0]!.articleId!;
    expect(outcomes.map((o) => o.articleId)).toEqual([articleId, articleId, articleId]);
    expect(library.db.prepare('SELECT count(*) FROM article').pluck().get()).toBe(1);

    const dispatch = createDispatcher(() => ({ library }));
    const article = await call(dispatch, 'articles.get', { id: articleId });
    expect(article.appearances.map((a) => [a.outlet, a.url])).toEqual([
      ['Reuters', 'https://www.reuters.example/world/asia/pakistan-iran-mediation-2025-10-21/'],
      ['Dawn', 'https://www.dawn.example/news/1950001/pakistan-looks-to-iran'],
      ['Geo News', 'https://www.geo.example/latest/612345-pakistan-iran-mediation'],
    ]);
    // Each appearance keeps its own original file, byte for byte, with its hash.
    expect(article.appearances.map((a) => a.original?.sha256)).toEqual(files.map((f) => sha256Hex(fs.readFileSync(f))));
    const kept = [...eachStoredOriginal(library.db)].filter((o) => o.appearanceId !== null);
    expect(kept).toHaveLength(2);
    for (const k of kept) expect(sha256Hex(originalBytesOf(k.stored, k, 'an appearance'))).toBe(k.sha256);

    // The same files again are duplicates, and so is the same text from the same outlet and address.
    const again = await importFiles(library, files);
    expect(again.map((o) => o.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    const resaved = path.join(path.dirname(files[1]!), 'dawn-saved-again.html');
    fs.writeFileSync(resaved, `${fs.readFileSync(files[1]!, 'utf8')}\n<!-- saved again -->`);
    expect((await importFiles(library, [resaved]))[0]).toMatchObject({ status: 'duplicate', articleId });
    expect(library.db.prepare('SELECT count(*) FROM article_appearance').pluck().get()).toBe(2);
  });

  it('a claim in a wire story counts as one independent report however many outlets carried it, and the board says why', async () => {
    const library = tempLibrary({ seed: false });
    const { files } = writeWireFolder(tempDir('casefile-wire-'));
    const [wire] = await importFiles(library, files);
    const own = path.join(path.dirname(files[0]!), 'own-reporting.html');
    fs.writeFileSync(own, page('Tolo News', 'https://tolonews.example/afghanistan-195001', 'Kabul says talks must continue', OTHER));
    const [other] = await importFiles(library, [own]);
    const dispatch = createDispatcher(() => ({ library }));
    const a = await claimOn(library, wire!.articleId!, 'offering Tehran’s services as a mediator');
    const b = await claimOn(library, other!.articleId!, OTHER[0]!.split(/[.,]/)[0]!);
    await call(dispatch, 'claims.link', { id: b.id, sameAs: a.id });

    const board = await call(dispatch, 'claims.board', {});
    expect(board.groups).toHaveLength(1);
    // Reuters, Dawn and Geo News printed one text: with Tolo's own report, two reports, not four.
    expect(board.groups[0]).toMatchObject({ independentReports: 2, corroboration: 1 });
    expect(board.groups[0]!.reportNotes).toEqual([`“${HEADLINE}” was carried by Reuters, Dawn and Geo News: one wire text, counted as one report.`]);
    const claim = await call(dispatch, 'annotations.get', { id: a.id });
    expect(claim.claim?.corroboration).toBe(1);
  });

  it('a lightly edited copy is its own article, flagged as probably the same story; confirmed, the two count as one report', async () => {
    const library = tempLibrary({ seed: false });
    const { dir, files } = writeWireFolder(tempDir('casefile-wire-'));
    const [wire] = await importFiles(library, files.slice(0, 1));
    // Another story on the same events, written apart: not flagged.
    const apart = path.join(dir, 'apart.html');
    fs.writeFileSync(apart, page('Tolo News', 'https://tolonews.example/afghanistan-195002', 'Taliban and Pakistan in tentative rapprochement', OTHER));
    const [separate] = await importFiles(library, [apart]);
    expect(separate).toMatchObject({ status: 'imported' });
    expect(separate!.probablySameAs).toBeUndefined();

    const [copy] = await importFiles(library, [editedCopy(dir)]);
    expect(copy).toMatchObject({ status: 'imported' });
    expect(copy!.articleId).not.toBe(wire!.articleId);
    expect(copy!.probablySameAs).toHaveLength(1);
    expect(copy!.probablySameAs![0]!.articleId).toBe(wire!.articleId);
    expect(copy!.probablySameAs![0]!.similarity).toBeGreaterThan(0.5);
    expect(copy!.probablySameAs![0]!.similarity).toBeLessThan(1);

    const dispatch = createDispatcher(() => ({ library }));
    const linked = await call(dispatch, 'articles.get', { id: wire!.articleId! });
    expect(linked.sameStory).toEqual([expect.objectContaining({ articleId: copy!.articleId, outlet: 'The Express Tribune', status: 'suggested' })]);

    const a = await claimOn(library, wire!.articleId!, 'offering Tehran’s services as a mediator');
    const b = await claimOn(library, copy!.articleId!, 'offering Tehran’s services as a mediator');
    await call(dispatch, 'claims.link', { id: b.id, sameAs: a.id });
    const reports = async () => (await call(dispatch, 'claims.board', {})).groups[0]!;
    // Nothing merges silently: until the researcher answers, two outlets are two reports.
    expect((await reports()).independentReports).toBe(2);
    await call(dispatch, 'articles.decideSameStory', { id: copy!.articleId!, otherId: wire!.articleId!, status: 'confirmed' });
    expect(await reports()).toMatchObject({ independentReports: 1, corroboration: 0 });
    expect((await reports()).reportNotes).toEqual([`“${HEADLINE}” (Reuters) and “Iran offers to mediate between Islamabad and Kabul” (The Express Tribune) are the same story (confirmed): counted as one report.`]);
    await call(dispatch, 'articles.decideSameStory', { id: wire!.articleId!, otherId: copy!.articleId!, status: 'dismissed' });
    expect((await reports()).independentReports).toBe(2);
    await expect(call(dispatch, 'articles.decideSameStory', { id: wire!.articleId!, otherId: separate!.articleId!, status: 'confirmed' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('MinHash: a near-copy shares most 5-word runs, another report on the same events almost none', () => {
    const wire = WIRE.join('\n');
    const copy = ['Officials in the capital welcomed the prospect of mediation.', ...WIRE.slice(1, 4), ...WIRE.slice(5)].join('\n');
    expect(jaccard(shingleHashes(wire), shingleHashes(wire))).toBe(1);
    expect(jaccard(shingleHashes(wire), shingleHashes(copy))).toBeGreaterThan(0.6);
    expect(jaccard(shingleHashes(wire), shingleHashes(OTHER.join('\n')))).toBeLessThan(0.05);
    expect(signature('too short to say anything about')).toBeNull();
  });

  it('the appearances migration gives existing articles their bands, so a copy imported later is found', async () => {
    const file = path.join(tempDir(), 'Old.casefile');
    const library = openLibrarySession(file, { create: true, seed: false });
    const [wire] = await importFiles(library, writeWireFolder(tempDir('casefile-wire-')).files.slice(0, 1));
    closeLibrary(library);
    // Back to the version before, as an older Casefile left it: no appearance or story tables.
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(file);
    uncompressArticles(db);
    db.exec('DROP TABLE story_link; DROP TABLE article_story_band; DROP TABLE article_appearance;');
    db.pragma(`user_version = ${migration005.version - 1}`);
    db.close();
    const reopened = openLibrarySession(file, { dailyBackup: false });
    try {
      expect(reopened.db.prepare('SELECT count(*) FROM article_story_band WHERE article_id = ?').pluck().get(wire!.articleId)).toBe(16);
      const [copy] = await importFiles(reopened, [editedCopy(tempDir())]);
      expect(copy!.probablySameAs?.map((c) => c.articleId)).toEqual([wire!.articleId]);
    } finally {
      closeLibrary(reopened);
    }
  });

  it('from the CLI: import reports appearances and near-copies, same-story answers, show lists where the text appeared', () => {
    const { dir, files } = writeWireFolder(tempDir('casefile-wire-'));
    editedCopy(dir);
    const library = path.join(tempDir(), 'Wire.casefile');
    const run = (...args: string[]) => spawnSync(process.execPath, [BIN, '--library', library, ...args], { cwd: ROOT, encoding: 'utf8' });
    // The library starts with the two sample articles (#1, #2); the wire story comes first.
    expect(run('init').status).toBe(0);
    expect(run('import', files[0]!).stdout).toMatch(/^imported {3}\S*1-reuters\.html -> #3 /m);
    const imported = run('import', dir);
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toMatch(/^appearance \S*2-dawn\.html \(the same text as #3, from another outlet or address: kept as another appearance\)$/m);
    // The sample article #1 is the same story too: the wire text is its text with a dateline.
    expect(imported.stdout).toMatch(/^imported {3}\S*4-express-tribune\.html -> #4 .*; probably the same story as #1 \(\d\d% alike\), #3 \(\d\d% alike\): confirm or dismiss with casefile same-story$/m);
    expect(imported.stdout).toMatch(/^1 imported, 2 as further appearances, 1 duplicate, 0 failed/m);
    expect(run('same-story', '4', '3', '--confirm').stdout).toBe('#4 and #3: confirmed\n');
    const shown = run('show', '3');
    expect(shown.stdout).toMatch(/^Also carried: {2}Dawn, https:\/\/www\.dawn\.example\/news\/1950001\/pakistan-looks-to-iran, retrieved .*, SHA-256 [0-9a-f]{64}$/m);
    expect(shown.stdout).toMatch(/^Same story\? {4}#4 "Iran offers to mediate between Islamabad and Kabul" \(The Express Tribune\), \d\d% alike: confirmed$/m);
    expect(run('same-story', '3', '4').status).toBe(2);
  });
});
