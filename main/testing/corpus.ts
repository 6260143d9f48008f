// A generated news library of realistic shape for tests and the search benchmark:
// Zipf-distributed vocabulary, named actors quoted across outlets, dates over four
// years, some Urdu articles, and (optionally) actor highlights and claims grouped into
// stories reported by several outlets. Deterministic for a given seed. Everything is
// inserted through the repository functions in one transaction.
import { canonicalText, documentFromParagraphs } from '../../common/text/document.ts';
import { describe } from '../../common/anchoring/index.ts';
import { insertArticle } from '../db/repositories/articles.ts';
import { insertAnnotation } from '../db/repositories/annotations.ts';
import { ensureClaim, insertClaimGroup, setClaimEntities, setClaimGroup, setCredibility } from '../db/repositories/claims.ts';
import { findEntitiesByName, insertEntity, setAliases } from '../db/repositories/entities.ts';
import { sha256Hex } from '../db/sha256.ts';
import type { Library } from '../services/library.ts';
import { zipf } from './zipf.ts';
import { mutate } from '../db/mutation.ts';

export interface CorpusOptions {
  articles: number;
  seed?: number;
  /** Average words per article (default 350). */
  words?: number;
  /** One article in this many is in Urdu (default 40). */
  urduEvery?: number;
  /** Create actors, actor highlights, claims and same-claim groups (default false). */
  annotate?: boolean;
  /** How many named people the articles talk about (default 60, at most 600). */
  actors?: number;
}

export interface CorpusActor {
  id: number;
  name: string;
  aliases: string[];
}

export interface Corpus {
  articleIds: number[];
  urduArticleIds: number[];
  outlets: string[];
  /** Filled when annotate is set. */
  actors: CorpusActor[];
  claimIds: number[];
  groups: { groupId: number; claimIds: number[] }[];
}

/** mulberry32: small, fast, deterministic. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COMMON = `the of and to in a that said for on is was with by as it from at his has have be are not but an
  which were this had its their been after also more who would will over than they two one about government officials
  talks minister security border forces military country meeting week statement last year new people between against
  could into since under during while because both other some them there when what all first after where any most
  such only police attack attacks killed peace trade president prime foreign army chief spokesman ministry reports
  according sources local national regional province district capital city officials agreement deal ceasefire
  militants militant group groups leaders leadership negotiations mediation dialogue relations tensions crisis
  economic economy sanctions aid refugees migrants crossing crossings closed reopened visit visited delegation
  accused denied confirmed warned urged called demanded rejected welcomed announced claimed reported said says told
  interview parliament election elections opposition party court judge law order rights protest protesters
  violence conflict war operation operations troops soldiers commander intelligence agency agencies network
  diplomatic diplomats embassy ambassador envoy council committee commission report investigation evidence
  support supported backing backed funding oil gas pipeline water energy electricity prices inflation budget
  tax exports imports market markets investment investors bank banks loan loans debt growth development project
  projects infrastructure road roads railway port ports corridor highway bridge school schools health hospital
  doctors patients women children families villagers residents community communities tribal elders clerics
  religious students university media journalists newspaper television broadcast online social statement`
  .split(/\s+/)
  .filter(Boolean);

const URDU = `پاکستان افغانستان ایران حکومت وزیر خارجہ داخلہ سرحد مذاکرات امن معاہدہ طالبان فوج سیکیورٹی اجلاس بیان
  کہا گیا ہے کی کے نے میں سے اور کو پر یہ وہ ایک دو تجارت بات چیت ثالثی درخواست اسلام آباد کابل تہران
  دہشت گردی حملہ حملے ہلاک زخمی پولیس عدالت پارلیمنٹ انتخابات جماعت رہنما عوام شہری قبائلی علماء مدارس`
  .split(/\s+/)
  .filter(Boolean);

const OUTLETS = ['Dawn', 'The Express Tribune', 'Geo News', 'BBC Urdu', 'Al Jazeera', 'Reuters', 'TOLOnews', 'Pajhwok', 'DID Press', 'The News', 'Arab News', 'Tehran Times', 'Khaama Press', 'VOA', 'Independent Urdu'];

const FIRST = ['Asim', 'Shehbaz', 'Imran', 'Sirajuddin', 'Amir', 'Muhammad', 'Mohsin', 'Masoud', 'Ibrahim', 'Zabihullah', 'Hibatullah', 'Abdul', 'Fazlur', 'Bilawal', 'Maryam', 'Ishaq', 'Khawaja', 'Mullah', 'Anwar', 'Nawaz', 'Ahmad', 'Sardar', 'Hamid', 'Ashraf', 'Abbas'];
const LAST = ['Munir', 'Sharif', 'Khan', 'Haqqani', 'Muttaqi', 'Dar', 'Naqvi', 'Pezeshkian', 'Sadr', 'Mujahid', 'Akhundzada', 'Ghani', 'Rehman', 'Bhutto', 'Asif', 'Yaqoob', 'Kakar', 'Baradar', 'Araghchi', 'Zardari', 'Karzai', 'Omar', 'Qureshi', 'Achakzai', 'Stanekzai'];

const SYLLABLES = ['ka', 'ri', 'to', 'ma', 'ne', 'lo', 'sa', 'vi', 'du', 'pe', 'ra', 'zo', 'mi', 'ta', 'no', 'be', 'gu', 'fa', 'shi', 'qu', 'ar', 'el', 'in', 'os', 'un'];

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)]!;
}

const capitalise = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

function isoDay(rand: () => number): string {
  const start = Date.UTC(2023, 0, 1);
  const days = Math.floor(rand() * 1400);
  return new Date(start + days * 86_400_000).toISOString().slice(0, 10);
}

/** A story several outlets report: its claim sentence and who makes it. */
interface Story {
  claimant: number;
  mentioned: number;
  sentence: (claimant: string, mentioned: string) => string;
}

const STORY_TEMPLATES: ((verb: string) => (c: string, m: string) => string)[] = [
  (v) => (c, m) => `${c} ${v} that ${m} had agreed to reopen the border crossing for trade`,
  (v) => (c, m) => `${c} ${v} that talks with ${m} would resume next week in a neutral venue`,
  (v) => (c, m) => `${c} ${v} that ${m} was sheltering militants responsible for the attacks`,
  (v) => (c, m) => `${c} ${v} that a ceasefire brokered with ${m} was holding in the border districts`,
  (v) => (c, m) => `${c} ${v} that ${m} had promised to expel foreign fighters from the province`,
];
const VERBS = ['said', 'claimed', 'told reporters', 'stated', 'insisted'];

export interface ArticleSpec {
  title: string;
  paragraphs: readonly string[];
  outlet?: string | null;
  publishedAt?: string | null;
  language?: string | null;
  direction?: 'ltr' | 'rtl';
}

/** One hand-written article, stored through the repository; returns its id and canonical text. */
export function addArticle(library: Library, spec: ArticleSpec): { id: number; text: string } {
  const body = documentFromParagraphs(spec.paragraphs, spec.direction ?? null);
  const text = canonicalText(body);
  const now = new Date().toISOString();
  const { result: id } = mutate(library.db, { label: `Import “${spec.title}”`, origin: 'import' }, () => insertArticle(
    library.db,
    {
      title: spec.title,
      byline: null,
      outlet: spec.outlet ?? null,
      url: null,
      publishedAt: spec.publishedAt ?? null,
      language: spec.language ?? 'en',
      direction: spec.direction ?? 'ltr',
      retrievedAt: now,
      body,
      text,
      textSha256: sha256Hex(text),
      previousVersionId: null,
      original: null,
    },
    now,
  ));
  return { id, text };
}

export function buildCorpus(library: Library, options: CorpusOptions): Corpus {
  const rand = random(options.seed ?? 1);
  const words = options.words ?? 350;
  const urduEvery = options.urduEvery ?? 40;
  // A long tail of made-up words under the common ones: rare terms exist, as in real text.
  const tail: string[] = [];
  for (let i = 0; tail.length < 20_000; i += 1) {
    const n = 2 + (i % 3);
    let w = '';
    for (let j = 0; j < n; j += 1) w += SYLLABLES[Math.floor(rand() * SYLLABLES.length)];
    tail.push(w);
  }
  const vocabulary = [...COMMON, ...tail];
  const wordRank = zipf(vocabulary.length);
  const urduRank = zipf(URDU.length);
  const nextWord = () => wordRank(rand);
  const nextUrdu = () => urduRank(rand);

  const people: { name: string; aliases: string[] }[] = [];
  const seen = new Set<string>();
  const wanted = Math.min(options.actors ?? 60, 600);
  for (let i = 0; people.length < wanted && i < 10_000; i += 1) {
    const first = FIRST[i % FIRST.length]!;
    const last = LAST[(i * 7 + Math.floor(i / FIRST.length)) % LAST.length]!;
    const name = `${first} ${last}`;
    if (seen.has(name)) continue;
    seen.add(name);
    people.push({ name, aliases: i % 3 === 0 ? [last] : [] });
  }

  const corpus: Corpus = { articleIds: [], urduArticleIds: [], outlets: OUTLETS, actors: [], claimIds: [], groups: [] };
  const now = new Date().toISOString();
  const { db } = library;
  // Recorded as one import: the corpus stands for a library built by importing.
  mutate(db, { label: `Build a test corpus of ${options.articles} articles`, origin: 'import' }, (db) => {
    if (options.annotate) {
      // Built in several runs (the benchmark), the same people are the same actors.
      for (const p of people) {
        let id = findEntitiesByName(db, 'actor', p.name).find((e) => e.byName)?.id;
        if (id === undefined) {
          id = insertEntity(db, { kind: 'actor', name: p.name, sourceType: null, reliability: null, description: '' }, now);
          setAliases(db, id, p.aliases);
        }
        corpus.actors.push({ id, ...p });
      }
    }
    const stories: Story[] = Array.from({ length: Math.max(5, Math.floor(options.articles / 25)) }, (_, i) => ({
      claimant: Math.floor(rand() * people.length),
      mentioned: Math.floor(rand() * people.length),
      sentence: STORY_TEMPLATES[i % STORY_TEMPLATES.length]!(VERBS[i % VERBS.length]!),
    })).filter((s) => s.claimant !== s.mentioned);
    const storyClaims = new Map<number, number[]>();

    for (let n = 0; n < options.articles; n += 1) {
      const urdu = urduEvery > 0 && n % urduEvery === urduEvery - 1;
      const paragraphs: string[] = [];
      let story: number | null = null;
      let title: string;
      if (urdu) {
        const sentence = () => Array.from({ length: 8 + Math.floor(rand() * 10) }, () => URDU[nextUrdu()]!).join(' ') + '۔';
        for (let p = 0; p < Math.max(2, Math.round(words / 60)); p += 1) paragraphs.push(Array.from({ length: 4 }, sentence).join(' '));
        title = Array.from({ length: 6 }, () => URDU[nextUrdu()]!).join(' ');
      } else {
        let remaining = Math.round(words * (0.6 + rand() * 0.8));
        while (remaining > 0) {
          const sentences: string[] = [];
          for (let s = 0; s < 3 + Math.floor(rand() * 3) && remaining > 0; s += 1) {
            const length = 8 + Math.floor(rand() * 18);
            const ws = Array.from({ length }, () => vocabulary[nextWord()]!);
            // Actors are named in about a third of sentences, as in news about them.
            if (rand() < 0.33) ws.splice(Math.floor(rand() * ws.length), 0, pick(rand, people).name);
            ws[0] = capitalise(ws[0]!);
            sentences.push(`${ws.join(' ')}.`);
            remaining -= length;
          }
          paragraphs.push(sentences.join(' '));
        }
        if (stories.length && rand() < 0.4) {
          story = Math.floor(rand() * stories.length);
          const s = stories[story]!;
          paragraphs.splice(1, 0, `${capitalise(s.sentence(people[s.claimant]!.name, people[s.mentioned]!.name))}.`);
        }
        title = capitalise(Array.from({ length: 5 + Math.floor(rand() * 5) }, () => vocabulary[nextWord() % 400]!).join(' '));
      }
      const body = documentFromParagraphs(paragraphs, urdu ? 'rtl' : null);
      const text = canonicalText(body);
      const outlet = rand() < 0.08 ? null : OUTLETS[Math.floor(rand() * OUTLETS.length)]!;
      const articleId = insertArticle(
        db,
        {
          title,
          byline: null,
          outlet,
          url: null,
          publishedAt: rand() < 0.05 ? null : isoDay(rand),
          language: urdu ? 'ur' : 'en',
          direction: urdu ? 'rtl' : 'ltr',
          retrievedAt: now,
          body,
          text,
          textSha256: sha256Hex(text),
          previousVersionId: null,
          original: null,
        },
        now,
      );
      corpus.articleIds.push(articleId);
      if (urdu) corpus.urduArticleIds.push(articleId);

      if (options.annotate && !urdu) {
        const highlighted = new Set<number>();
        const highlightActor = (actor: CorpusActor, at: number) => {
          if (highlighted.has(at)) return;
          highlighted.add(at);
          insertAnnotation(db, { articleId, kind: 'actor', ...describe(text, at, at + actor.name.length), anchorStatus: 'exact', entityId: actor.id, note: '', createdAt: now });
        };
        // Actor highlights on the first mention of each actor named, in the articles the
        // researcher worked through (those reporting a story, and some others).
        if (story !== null || rand() < 0.2) {
          for (const actor of corpus.actors) {
            const at = text.indexOf(actor.name);
            if (at >= 0) highlightActor(actor, at);
          }
        }
        if (story !== null) {
          const s = stories[story]!;
          const sentence = capitalise(s.sentence(people[s.claimant]!.name, people[s.mentioned]!.name));
          const at = text.indexOf(sentence);
          // The actor the claim is about, highlighted inside the claim: the map links it to the claimant.
          const mentioned = corpus.actors[s.mentioned]!;
          highlightActor(mentioned, at + sentence.indexOf(mentioned.name));
          const claimId = insertAnnotation(db, { articleId, kind: 'claim', ...describe(text, at, at + sentence.length), anchorStatus: 'exact', entityId: null, note: '', createdAt: now });
          ensureClaim(db, claimId);
          setCredibility(db, claimId, 1 + Math.floor(rand() * 6));
          setClaimEntities(db, 'claim_claimant', claimId, [corpus.actors[s.claimant]!.id]);
          corpus.claimIds.push(claimId);
          storyClaims.set(story, [...(storyClaims.get(story) ?? []), claimId]);
        }
      }
    }
    for (const claimIds of storyClaims.values()) {
      if (claimIds.length < 2) continue;
      const groupId = insertClaimGroup(db, now);
      setClaimGroup(db, claimIds, groupId);
      corpus.groups.push({ groupId, claimIds });
    }
  });
  return corpus;
}
