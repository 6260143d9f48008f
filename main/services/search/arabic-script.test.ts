// Arabic-script text in search, on news text in Urdu, Persian and Arabic: vowel marks,
// tatweel and zero-width joiners do not split words, the letter variants of the three
// keyboards match both ways, and snippets and offsets point at the text as written.
import { describe, expect, it } from 'vitest';
import { call, createDispatcher } from '../../api/dispatch.ts';
import type { SearchHit } from '../../../common/api/methods/search.ts';
import { ARABIC_NEWS, PERSIAN_NEWS, URDU_NEWS, asWindows1256Text } from '../../testing/arabic-script-news.ts';
import { fixture, tempLibrary } from '../../testing/temp.ts';
import { checkLibrary } from '../library.ts';
import { addArticle } from '../../testing/corpus.ts';
import { FOLDED_CODE_POINTS, foldForIndex, foldWithOffsets, foldedSql } from '../../db/fold.ts';
import { ftsQuery } from './query.ts';
import { spellingVariants } from './spelling.ts';

function newsLibrary() {
  const library = tempLibrary({ seed: false });
  const dispatch = createDispatcher(() => ({ library }));
  const add = (news: string, language: string) => {
    const [title, ...paragraphs] = news.split('\n\n');
    return addArticle(library, { title: title!, paragraphs, language, direction: 'rtl' });
  };
  const articles = {
    urdu: add(URDU_NEWS, 'ur'),
    persian: add(PERSIAN_NEWS, 'fa'),
    arabic: add(ARABIC_NEWS, 'ar'),
    // The same Urdu report as a windows-1256 file holds it: Arabic ي for ی.
    legacyUrdu: add(asWindows1256Text(URDU_NEWS).replace('آئی ایم ایف', 'آئي ايم ايف قرض'), 'ur'),
  };
  const search = (query: string) => call(dispatch, 'search.query', { query, kinds: ['article'] });
  return { library, dispatch, articles, search };
}

const matched = (hit: SearchHit) => hit.snippet.filter((s) => s.match).map((s) => s.text);

describe('Arabic-script words in the index', () => {
  it('finds a vocalized مُحَمَّد by محمد, and the snippet and offset show it as written', async () => {
    const { articles, search } = newsLibrary();
    const page = await search('محمد');
    expect(page.hits.map((h) => h.articleId)).toEqual([articles.arabic.id]);
    const hit = page.hits[0]!;
    expect(hit.offset).toBe(articles.arabic.text.indexOf('مُحَمَّد'));
    expect(matched(hit)).toEqual(['مُحَمَّد']);
    expect(hit.snippet.map((s) => s.text).join('')).toContain('مُحَمَّد مير مُحَمَّدي');
    // Typed with its vowels, the word is the same word.
    expect((await search('مُحَمَّد')).hits.map((h) => h.articleId)).toEqual([articles.arabic.id]);
    // Marks inside a word in the middle of a phrase, and a verb fully vocalized.
    expect((await search('"مير محمدي"')).total).toBe(1);
    expect((await search('توفي')).hits.map((h) => h.articleId)).toEqual([articles.arabic.id]);
    expect((await search('حجب')).total).toBe(1);
  });

  it('reads through tatweel and the zero-width non-joiner of Persian', async () => {
    const { articles, search } = newsLibrary();
    const stretched = await search('السلطات');
    expect(stretched.hits.map((h) => h.articleId)).toEqual([articles.arabic.id]);
    expect(matched(stretched.hits[0]!)).toEqual(['السلطـــات']);
    expect(stretched.hits[0]!.offset).toBe(articles.arabic.text.indexOf('السلطـــات'));

    for (const query of ['میشوند', 'می‌شوند']) {
      const page = await search(query);
      expect(page.hits.map((h) => h.articleId), query).toEqual([articles.persian.id]);
      expect(matched(page.hits[0]!), query).toEqual(['می‌شوند']);
    }
    // Typed without the non-joiner, گرانی‌های is still one word, found whole.
    const prices = await search('گرانیهای');
    expect(matched(prices.hits[0]!)).toEqual(['گرانی‌های']);
    expect(prices.hits[0]!.offset).toBe(articles.persian.text.indexOf('گرانی‌های'));
  });

  it('matches Urdu, Persian and Arabic letter variants both ways', async () => {
    const { articles, search } = newsLibrary();
    const ids = async (query: string) => (await search(query)).hits.map((h) => h.articleId).sort((a, b) => a! - b!);
    const bothUrdu = [articles.urdu.id, articles.legacyUrdu.id].sort((a, b) => a - b);
    // Urdu typed on an Urdu keyboard finds the windows-1256 copy (Arabic ي), and the other way round.
    expect(await ids('وزیر خزانہ')).toEqual(bothUrdu);
    expect(await ids('وزير خزانه')).toEqual(bothUrdu);
    // Urdu heh goal (ہ) and Arabic heh (ه), kaf ک and ك: کہا typed on an Arabic keyboard is كها.
    expect(await ids('كها')).toEqual(bothUrdu);
    // Persian ی and ک typed on an Arabic keyboard.
    expect(await ids('كارشناسان')).toEqual([articles.persian.id]);
    expect(await ids('شدید')).toEqual([articles.persian.id]);
    expect(await ids('شديد')).toEqual([articles.persian.id]);
    // Arabic يوم typed on a Persian keyboard.
    expect(await ids('یوم')).toEqual([articles.arabic.id]);
  });

  it('folds queries and widens Urdu ہ and ۃ to their Arabic letters and back', () => {
    expect(ftsQuery('مُحَمَّد')).toBe(ftsQuery('محمد'));
    expect(ftsQuery('السلطـــات')).toBe(ftsQuery('السلطات'));
    expect(spellingVariants('خزانہ')).toEqual(expect.arrayContaining(['خزانه']));
    expect(spellingVariants('خزانه')).toEqual(expect.arrayContaining(['خزانہ', 'خزانة']));
    expect(spellingVariants('صلوۃ')).toEqual(expect.arrayContaining(['صلوة']));
  });

  it('keeps highlight search on the text as written: a highlight on a vocalized name scrolls to it', async () => {
    const { articles, dispatch } = newsLibrary();
    const quote = 'عضو مجمع تشخيص مصلحة النظام مُحَمَّد مير مُحَمَّدي';
    const highlight = await call(dispatch, 'annotations.create', { articleId: articles.arabic.id, kind: 'actor', target: { quote } });
    const page = await call(dispatch, 'search.query', { query: 'محمدي', kinds: ['actor'] });
    expect(page.hits.map((h) => h.annotationId)).toEqual([highlight.id]);
    expect(page.hits[0]!.offset).toBe(articles.arabic.text.indexOf('مُحَمَّدي'));
    expect(matched(page.hits[0]!)).toEqual(['مُحَمَّدي']);
  });

  it('keeps the full-text indexes consistent with the folded text through edits and deletes', async () => {
    const { library, articles, search } = newsLibrary();
    fixture(library.db, () => library.db.prepare('UPDATE article SET text = ? WHERE id = ?').run('تُوُفِّيَ مُحَمَّد', articles.persian.id));
    expect((await search('محمد')).total).toBe(2);
    fixture(library.db, () => library.db.prepare('DELETE FROM article WHERE id = ?').run(articles.arabic.id));
    expect((await search('محمد')).hits.map((h) => h.articleId)).toEqual([articles.persian.id]);
    expect(checkLibrary(library).fullText).toEqual({ article_fts: 'ok', annotation_fts: 'ok', note_fts: 'ok' });
  });
});

describe('the fold in SQL and in JavaScript', () => {
  it('removes the same characters, so the index and the queries agree', () => {
    const library = tempLibrary({ seed: false });
    const sql = library.db.prepare(`SELECT ${foldedSql('t')} FROM (SELECT ? AS t)`).pluck();
    const samples = [
      ...FOLDED_CODE_POINTS.map((c) => `ب${String.fromCodePoint(c)}ت`),
      ARABIC_NEWS,
      PERSIAN_NEWS,
      URDU_NEWS,
      'Plain English, café, Ùber-naïve, emoji 🙂 and a zero-width space\u200b stay as they are.',
    ];
    for (const sample of samples) expect(sql.get(sample), JSON.stringify(sample)).toBe(foldForIndex(sample));
    expect(foldForIndex('ب\u064eت')).toBe('بت');
  });
});

describe('foldWithOffsets', () => {
  it('maps ranges of the folded text back onto the text as written', () => {
    const written = 'قال مُحَمَّدٌ، و می‌شود';
    const folded = foldForIndex(written);
    expect(folded).toBe('قال محمد، و میشود');
    const toWritten = foldWithOffsets(written);
    const range = (word: string) => {
      const start = folded.indexOf(word);
      const { start: s, end: e } = toWritten(start, start + word.length);
      return written.slice(s, e);
    };
    expect(range('محمد')).toBe('مُحَمَّدٌ');
    expect(range('میشود')).toBe('می‌شود');
    expect(range('قال')).toBe('قال');
    expect(foldWithOffsets('no marks here')(3, 8)).toEqual({ start: 3, end: 8 });
  });
});
