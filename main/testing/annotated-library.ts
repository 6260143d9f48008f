// Test and benchmark fixtures: an annotated library built through the API the app uses
// (claims with claimants and sources, actors with aliases, a graded source, two claims
// linked as the same, notes, a tag, a notebook page quoting a highlight, a right-to-left
// article), and synthetic articles for long-dossier measurements. Not used by the app.
import { call, createDispatcher, type Dispatch } from '../api/dispatch.ts';
import {
  documentOf,
  heading,
  imagePlaceholder,
  link,
  list,
  listItem,
  paragraph,
  quote,
  textNode,
  TextFormat,
  type SerializedDocument,
} from '../../common/text/document.ts';
import type { AnnotationKind } from '../../common/api/methods/annotations.ts';
import { storeArticle } from '../services/articles.ts';
import { sha256Hex } from '../db/sha256.ts';
import type { Library } from '../services/library.ts';

export interface AnnotatedLibrary {
  library: Library;
  dispatch: Dispatch;
  /** Article ids: the two seed articles, a structured English one, and an Urdu one. */
  iran: number;
  did: number;
  briefing: number;
  urdu: number;
  tagId: number;
  noteId: number;
  /** Annotation ids worth checking by name. */
  ids: { didClaim: number; iranClaim: number; haqqani: number; fragile: number; urduClaim: number };
}

function addArticle(library: Library, body: SerializedDocument, metadata: { title: string; outlet: string | null; byline?: string | null; url?: string | null; publishedAt?: string | null; language: string; direction: 'ltr' | 'rtl' }, fileName: string, retrievedAt: string): number {
  const bytes = new TextEncoder().encode(JSON.stringify(body));
  return storeArticle(
    library,
    {
      metadata: { byline: null, url: null, publishedAt: null, ...metadata },
      body,
      original: { bytes, type: 'application/json', name: fileName },
    },
    retrievedAt,
  ).id;
}

export const URDU_TITLE = 'پاکستان اور افغانستان کے درمیان مذاکرات';
export const URDU_CLAIM = 'مذاکرات کا اگلا دور تہران میں ہوگا';

export async function buildAnnotatedLibrary(library: Library): Promise<AnnotatedLibrary> {
  const dispatch = createDispatcher(() => ({ library }));
  const seeds = library.db.prepare('SELECT id, outlet FROM article ORDER BY title').all() as { id: number; outlet: string | null }[];
  const iran = seeds[0]!.id;
  const did = seeds[1]!.id;
  await call(dispatch, 'articles.updateMetadata', {
    id: did,
    metadata: { url: 'https://example.org/didpress/taliban-pakistan-rapprochement', publishedAt: '2025-10-20', byline: 'DID Press staff' },
  });
  await call(dispatch, 'articles.updateMetadata', {
    id: iran,
    metadata: { url: 'https://example.org/news/pakistan-looks-to-iran', publishedAt: '2025-10-28', outlet: 'Regional Monitor' },
  });

  const briefing = addArticle(
    library,
    documentOf([
      heading('h2', [textNode('Background')]),
      paragraph([
        textNode('The '),
        textNode('Chabahar port', TextFormat.bold),
        textNode(' project, described in an '),
        link('https://example.org/chabahar', [textNode('earlier report')]),
        textNode(', links Iran to Central Asia; '),
        textNode('officials expect', TextFormat.italic),
        textNode(' traffic to double by 2027.'),
      ]),
      quote([textNode('“We will keep the border open for trade,” said the Iranian envoy.')]),
      list('bullet', [listItem([textNode('Border crossings at Torkham and Chaman reopened.')]), listItem([textNode('Trade volume fell by a third in October.')])]),
      paragraph([imagePlaceholder('Map of the border crossings'), textNode(' Source: the envoy’s briefing note.')]),
      heading('h2', [textNode('Assessment')]),
      paragraph([textNode('Analysts in Kabul and Islamabad say the Iranian channel is the only mediation still active.')]),
    ]),
    { title: 'Iran Offers to Mediate as Border Trade Slumps', outlet: 'Regional Monitor', byline: 'A. Correspondent', url: 'https://example.org/news/iran-offers-to-mediate', publishedAt: '2025-11-02T08:30:00Z', language: 'en', direction: 'ltr' },
    'iran-offers-to-mediate.json',
    '2025-11-03T10:15:00Z',
  );
  const urdu = addArticle(
    library,
    documentOf(
      [
        paragraph([textNode('اسلام آباد: پاکستان کے وزیر خارجہ اسحاق ڈار نے کہا کہ افغان طالبان کے ساتھ بات چیت جاری رہے گی۔')]),
        paragraph([textNode(`سرکاری ذرائع کے مطابق ${URDU_CLAIM}، تاہم اس کی تاریخ کا اعلان نہیں کیا گیا۔`)]),
      ],
      'rtl',
    ),
    { title: URDU_TITLE, outlet: 'اردو نیوز', url: 'https://example.org/ur/muzakrat', publishedAt: '2025-11-05', language: 'ur', direction: 'rtl' },
    'muzakrat.json',
    '2025-11-05T12:00:00Z',
  );

  await call(dispatch, 'entities.create', { kind: 'source', name: 'DID Press', sourceType: 'outlet', reliability: 'B', description: 'Afghan news agency.' });
  await call(dispatch, 'entities.create', { kind: 'source', name: 'Government sources', sourceType: 'anonymous', reliability: 'F' });
  await call(dispatch, 'entities.create', { kind: 'actor', name: 'Sirajuddin Haqqani', aliases: ['Haqqani', 'Taliban Interior Minister'] });
  await call(dispatch, 'entities.create', { kind: 'actor', name: 'Muhammad Ishaq Dar', aliases: ['Ishaq Dar', 'اسحاق ڈار'] });
  await call(dispatch, 'entities.create', { kind: 'actor', name: 'Asim Munir', aliases: ['Army Chief Asim Munir', 'Munir'] });
  const tag = await call(dispatch, 'tags.create', { name: 'Mediation', color: '#2f7cc1' });

  const create = (articleId: number, kind: AnnotationKind, quoteText: string, extra: Record<string, unknown> = {}) =>
    call(dispatch, 'annotations.create', { articleId, kind, target: { quote: quoteText }, ...extra });

  // DID Press article: overlapping claim and actor highlights, a graded source.
  await create(did, 'source', 'DID Press', { entity: { name: 'DID Press' }, target: { quote: 'DID Press', occurrence: 1 } });
  await create(did, 'claim', 'Taliban Interior Minister Sirajuddin Haqqani recently welcomed positive statements', {
    claimants: [{ name: 'Sirajuddin Haqqani' }],
    sources: [{ name: 'DID Press' }],
    credibility: 2,
  });
  const haqqani = await create(did, 'actor', 'Sirajuddin Haqqani', { entity: { name: 'Haqqani' } });
  await create(did, 'actor', 'Muhammad Ishaq Dar', { entity: { name: 'Ishaq Dar' } });
  const fragile = await create(did, 'highlight', 'trust remains fragile', {
    note: 'The core judgement of the piece: gestures have not changed the security dispute.',
    tagIds: [tag.id],
  });
  await create(did, 'claim', 'Pakistan accuses the Taliban of supporting or tolerating Tehrik-i-Taliban Pakistan (TTP) activities launched from Afghan soil', {
    claimants: [{ name: 'Government of Pakistan' }],
    sources: [{ name: 'DID Press' }],
    credibility: 3,
    note: 'Standard Pakistani position; no evidence offered in the article.',
  });
  const didClaim = await create(did, 'claim', 'Past multilateral negotiations in third countries such as Qatar, Turkey, and Saudi Arabia have yielded limited results.', {
    claimants: [{ name: 'Analysts' }],
    sources: [{ name: 'DID Press' }],
    credibility: 2,
    tagIds: [tag.id],
  });

  // The Iran article: the same claim reported by another outlet, an actor by alias.
  const iranClaim = await create(iran, 'claim', 'Previous attempts to resolve the dispute through Qatari and Turkish channels have reportedly faltered', {
    sources: [{ name: 'Government sources' }],
    credibility: 3,
    tagIds: [tag.id],
  });
  await call(dispatch, 'claims.link', { id: iranClaim.id, sameAs: didClaim.id });
  await create(iran, 'actor', 'Army Chief Asim Munir', { entity: { name: 'Army Chief Asim Munir' } });
  await create(iran, 'claim', 'with over 4,000 soldiers fallen to insurgents', {
    claimants: [{ name: "Pakistan's Defense Minister" }],
    credibility: 4,
    note: 'Figure not sourced; treat with caution.',
  });

  // The structured article: highlights across formatting, a link and a list item.
  await create(briefing, 'claim', 'officials expect traffic to double by 2027', { claimants: [{ name: 'Iranian officials' }], credibility: 5 });
  await create(briefing, 'highlight', 'Trade volume fell by a third in October.', { tagIds: [tag.id] });
  await create(briefing, 'claim', 'the Iranian channel is the only mediation still active', { claimants: [{ name: 'Analysts' }], sources: [{ name: 'Regional Monitor' }], tagIds: [tag.id] });

  // The Urdu article: an actor by an Urdu alias, a claim.
  await create(urdu, 'actor', 'اسحاق ڈار', { entity: { name: 'اسحاق ڈار' } });
  const urduClaim = await create(urdu, 'claim', URDU_CLAIM, { sources: [{ name: 'Government sources' }], credibility: 3, tagIds: [tag.id] });

  const note = await call(dispatch, 'notes.create', {
    title: 'Working notes: the mediation track',
    body: documentOf([
      paragraph([textNode('Two outlets report that Qatari and Turkish mediation has stalled:')]),
      { type: 'annotation-quote', version: 1, annotationId: iranClaim.id, articleId: iran, quote: iranClaim.quote.exact, articleTitle: 'Pakistan Looks to Iran' },
      paragraph([textNode('Next step: confirm the Tehran round with a second source.')]),
    ]),
  });

  return {
    library,
    dispatch,
    iran,
    did,
    briefing,
    urdu,
    tagId: tag.id,
    noteId: note.id,
    ids: { didClaim: didClaim.id, iranClaim: iranClaim.id, haqqani: haqqani.id, fragile: fragile.id, urduClaim: urduClaim.id },
  };
}

// ---- synthetic long dossiers -------------------------------------------------------

const WORDS = 'the minister said talks would resume next week while officials in the capital warned that border trade had fallen sharply after clashes and analysts expect further delays before any agreement is reached on security guarantees'.split(' ');

/** `count` synthetic news articles of about 1,650 words with `perArticle` highlights each (claims, actors, sources, plain). */
export async function addSyntheticArticles(library: Library, count: number, perArticle: number): Promise<number[]> {
  const dispatch = createDispatcher(() => ({ library }));
  const ids: number[] = [];
  const kinds: AnnotationKind[] = ['claim', 'actor', 'source', 'highlight'];
  for (let n = 0; n < count; n += 1) {
    const paragraphs: string[] = [];
    let seed = n * 7919 + 1;
    for (let p = 0; p < 15; p += 1) {
      const words: string[] = [];
      for (let w = 0; w < 110; w += 1) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        words.push(WORDS[seed % WORDS.length]!);
      }
      paragraphs.push(`Paragraph ${p + 1} of report ${n + 1}: ${words.join(' ')}.`);
    }
    const body = documentOf(paragraphs.map((p) => paragraph([textNode(p)])));
    const id = addArticle(
      library,
      body,
      { title: `Synthetic report ${n + 1}: talks and border trade`, outlet: `Outlet ${(n % 7) + 1}`, url: `https://example.org/synthetic/${n + 1}`, publishedAt: `2025-${String((n % 12) + 1).padStart(2, '0')}-15`, language: 'en', direction: 'ltr' },
      `synthetic-${n + 1}-${sha256Hex(String(n)).slice(0, 6)}.json`,
      '2025-12-01T00:00:00Z',
    );
    ids.push(id);
    for (let h = 0; h < perArticle; h += 1) {
      const p = h % paragraphs.length;
      const kind = kinds[h % kinds.length]!;
      await call(dispatch, 'annotations.create', {
        articleId: id,
        kind,
        target: { quote: `Paragraph ${p + 1} of report ${n + 1}: ${paragraphs[p]!.split(': ')[1]!.split(' ').slice(0, 6).join(' ')}` },
        note: h % 3 === 0 ? `Note on highlight ${h + 1} of report ${n + 1}.` : undefined,
        entity: kind === 'actor' ? { name: `Actor ${(h % 9) + 1}` } : kind === 'source' ? { name: `Source ${(h % 5) + 1}` } : undefined,
        claimants: kind === 'claim' ? [{ name: `Actor ${(h % 9) + 1}` }] : undefined,
        sources: kind === 'claim' ? [{ name: `Source ${(h % 5) + 1}` }] : undefined,
        credibility: kind === 'claim' ? (((h % 6) + 1) as 1 | 2 | 3 | 4 | 5 | 6) : undefined,
      });
    }
  }
  return ids;
}
