// The synthetic news corpus: article N is generated from (seed, N) alone, so any slice
// can be made in any process and is the same on every run. News-like: a headline, a
// byline and date, an agency dateline, paragraphs of Zipf-distributed words around
// recurring named actors, section headings, quoted statements (the claims), and some
// articles in Urdu or Arabic (right to left) or quoting a phrase in them. Each article
// also carries the annotations a researcher would make on it (actors, the outlet as a
// source, the quoted statements as claims), as quotes of phrases really in its text.
import fs from 'node:fs';
import path from 'node:path';
import type { Credibility } from '../../common/api/methods/annotations.ts';
import { int, pick, rng, zipf, type Rand } from './rand.ts';

/** Bump when the generated text changes, so cached corpora and libraries are rebuilt. */
export const CORPUS_VERSION = 3;

export type Block = { type: 'p' | 'h2' | 'quote'; text: string };

export type AnnotationPlan =
  | { kind: 'actor'; quote: string; entity: string }
  | { kind: 'source'; quote: string; entity: string }
  | { kind: 'highlight'; quote: string }
  | { kind: 'claim'; quote: string; claimant: string; source: string; credibility: Credibility };

export interface GeneratedArticle {
  index: number;
  language: 'en' | 'ur' | 'ar';
  title: string;
  byline: string;
  outlet: string;
  /** YYYY-MM-DD */
  publishedAt: string;
  url: string;
  blocks: Block[];
  words: number;
  annotations: AnnotationPlan[];
}

const COMMON = `the of and to in a that for on is was with by as it from at his has have be are not but an
  which were this had its their been after also more who would will over than they two one about government officials
  talks minister security border forces military country meeting week statement last year new people between against
  could into since under during while because both other some them there when what all first where any most
  such only police attack attacks killed peace trade president prime foreign army chief spokesman ministry reports
  according sources local national regional province district capital city agreement deal ceasefire
  militants militant group groups leaders leadership negotiations mediation dialogue relations tensions crisis
  economic economy sanctions aid refugees migrants crossing crossings closed reopened visit visited delegation
  accused denied confirmed warned urged called demanded rejected welcomed announced claimed reported
  interview parliament election elections opposition party court judge law order rights protest protesters
  violence conflict war operation operations troops soldiers commander intelligence agency agencies network
  diplomatic diplomats embassy ambassador envoy council committee commission report investigation evidence
  support supported backing backed funding oil gas pipeline water energy electricity prices inflation budget
  tax exports imports market markets investment investors bank banks loan loans debt growth development project
  projects infrastructure road roads railway port ports corridor highway bridge school schools health hospital
  doctors patients women children families villagers residents community communities tribal elders clerics
  religious students university media journalists newspaper television broadcast online social`
  .split(/\s+/)
  .filter(Boolean);

const URDU = `پاکستان افغانستان ایران حکومت وزیر خارجہ داخلہ سرحد مذاکرات امن معاہدہ طالبان فوج سیکیورٹی اجلاس بیان
  کہا گیا ہے کی کے نے میں سے اور کو پر یہ وہ ایک دو تجارت بات چیت ثالثی درخواست اسلام آباد کابل تہران
  دہشت گردی حملہ حملے ہلاک زخمی پولیس عدالت پارلیمنٹ انتخابات جماعت رہنما عوام شہری قبائلی علماء مدارس
  معیشت مہنگائی بجٹ قرض بینک سرمایہ کاری بندرگاہ شاہراہ ریلوے بجلی گیس پانی اسپتال اسکول طلبہ خواتین بچے`
  .split(/\s+/)
  .filter(Boolean);

const ARABIC = `الحكومة وزير الخارجية الحدود المفاوضات السلام اتفاق طالبان الجيش الأمن اجتماع بيان قال رئيس الوزراء
  باكستان أفغانستان إيران قطر الدوحة طهران كابول هجوم قتلى جرحى الشرطة المحكمة البرلمان الانتخابات الحزب
  قادة الشعب المدنيين القبائل العلماء التجارة الاقتصاد المساعدات اللاجئين المعبر مغلق زيارة وفد اتهم نفى
  أكد حذر دعا طالب رفض رحب أعلن في من على إلى أن مع عن هذا التي الذي كان بين بعد خلال`
  .split(/\s+/)
  .filter(Boolean);

/** Phrases quoted in English articles in their own script (a jirga, a slogan, a party's name). */
const RTL_PHRASES = ['جرگہ', 'امن معاہدہ', 'مذاکرات', 'سرحد بند', 'الهدنة', 'مجلس الشورى', 'اتفاق الدوحة', 'طالبان حکومت'];

const OUTLETS = ['Dawn', 'Reuters', 'AFP', 'The Express Tribune', 'Geo News', 'Al Jazeera', 'BBC Urdu', 'TOLOnews', 'Pajhwok', 'The News', 'Arab News', 'Tehran Times', 'Khaama Press', 'VOA', 'Anadolu'];
const CITIES = ['ISLAMABAD', 'KABUL', 'PESHAWAR', 'QUETTA', 'KARACHI', 'LAHORE', 'TEHRAN', 'DOHA', 'KANDAHAR', 'JALALABAD', 'TORKHAM', 'CHAMAN'];
const FIRST = ['Asim', 'Shehbaz', 'Imran', 'Sirajuddin', 'Amir', 'Muhammad', 'Mohsin', 'Masoud', 'Ibrahim', 'Zabihullah', 'Hibatullah', 'Abdul', 'Fazlur', 'Bilawal', 'Maryam', 'Ishaq', 'Khawaja', 'Anwar', 'Nawaz', 'Ahmad', 'Sardar', 'Hamid', 'Ashraf', 'Abbas', 'Sherry', 'Farah', 'Nasir', 'Tariq', 'Yasmin', 'Javed'];
const LAST = ['Munir', 'Sharif', 'Khan', 'Haqqani', 'Muttaqi', 'Dar', 'Naqvi', 'Pezeshkian', 'Sadr', 'Mujahid', 'Akhundzada', 'Ghani', 'Rehman', 'Bhutto', 'Asif', 'Yaqoob', 'Kakar', 'Baradar', 'Araghchi', 'Zardari', 'Karzai', 'Omar', 'Qureshi', 'Achakzai', 'Stanekzai', 'Rabbani', 'Malik', 'Hussain', 'Jalali', 'Wardak'];
const ROLES = ['the foreign minister', 'the army chief', 'a government spokesman', 'the interior minister', 'a senior commander', 'the provincial governor', 'an opposition leader', 'the prime minister', 'a tribal elder', 'a senior diplomat'];
const DAYS = ['on Monday', 'on Tuesday', 'on Wednesday', 'on Thursday', 'on Friday', 'on Saturday', 'on Sunday', 'late on Sunday', 'earlier this week'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const PHRASES = ['the border crossing', 'peace talks', 'security forces', 'the trade corridor', 'a ceasefire agreement', 'the refugee camps', 'the interim government', 'cross-border attacks'];
const STATEMENTS = [
  (m: string) => `We have agreed with ${m} to reopen the border crossing for trade within days`,
  (m: string) => `Talks with ${m} will resume next week at a neutral venue`,
  (m: string) => `${m} is sheltering the militants responsible for these attacks`,
  (m: string) => `The ceasefire brokered with ${m} is holding in the border districts`,
  (m: string) => `${m} has promised to expel foreign fighters from the province`,
  (m: string) => `There will be no deal unless ${m} stops the cross-border raids`,
  (m: string) => `Our delegation met ${m} and both sides want the trade corridor open`,
];
const SYLLABLES = ['ka', 'ri', 'to', 'ma', 'ne', 'lo', 'sa', 'vi', 'du', 'pe', 'ra', 'zo', 'mi', 'ta', 'no', 'be', 'gu', 'fa', 'shi', 'qu', 'ar', 'el', 'in', 'os', 'un', 'dra', 'vel', 'kor'];

/** Named people: every one appears in many articles, as in real coverage. */
export const ACTORS: readonly string[] = (() => {
  const names: string[] = [];
  for (let i = 0; i < FIRST.length * LAST.length && names.length < 300; i += 7) names.push(`${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}`);
  return names;
})();

export { OUTLETS };

interface Vocabulary {
  words: string[];
  next: (rand: Rand) => number;
  places: string[];
  nextUrdu: (rand: Rand) => number;
  nextArabic: (rand: Rand) => number;
}

const vocabularies = new Map<number, Vocabulary>();

/** The corpus's words: the common news words, then a long tail of made-up ones (so rare terms exist). */
function vocabulary(seed: number): Vocabulary {
  let v = vocabularies.get(seed);
  if (v) return v;
  const rand = rng(seed, 0xc0ffee);
  const seen = new Set(COMMON);
  const words = [...COMMON];
  const coin = (n: number) => {
    let w = '';
    for (let j = 0; j < n; j += 1) w += SYLLABLES[Math.floor(rand() * SYLLABLES.length)];
    return w;
  };
  // Tries count, not words: short coinages run out, longer ones take over.
  for (let tries = 0; words.length < 60_000; tries += 1) {
    const w = coin(2 + (tries % 3));
    if (!seen.has(w)) {
      seen.add(w);
      words.push(w);
    }
  }
  // Village names: uniform over many, so each is in a handful of articles (the rare terms of real news).
  const places: string[] = [];
  for (let tries = 0; places.length < 20_000; tries += 1) {
    const w = coin(4 + (tries % 2));
    if (!seen.has(w)) {
      seen.add(w);
      places.push(w.charAt(0).toUpperCase() + w.slice(1));
    }
  }
  v = { words, next: zipf(words.length), places, nextUrdu: zipf(URDU.length, 0.9), nextArabic: zipf(ARABIC.length, 0.9) };
  vocabularies.set(seed, v);
  return v;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function isoDay(rand: Rand): string {
  const start = Date.UTC(2021, 0, 1);
  return new Date(start + int(rand, 0, 365 * 5 - 1) * 86_400_000).toISOString().slice(0, 10);
}

/** Generates article `index` of the corpus `seed`. */
export function generateArticle(seed: number, index: number): GeneratedArticle {
  const v = vocabulary(seed);
  const rand = rng(seed, index);
  const roll = rand();
  const language: GeneratedArticle['language'] = roll < 1 / 40 ? 'ur' : roll < 1 / 40 + 1 / 80 ? 'ar' : 'en';
  const target = int(rand, 300, 3000);
  const outlet = pick(rand, OUTLETS);
  const publishedAt = isoDay(rand);
  const cast = Array.from({ length: int(rand, 2, 5) }, () => pick(rand, ACTORS));
  const speaker = cast[0]!;
  const other = cast[1]!;
  const byline = `${pick(rand, FIRST)} ${pick(rand, LAST)}`;
  const blocks: Block[] = [];
  const annotations: AnnotationPlan[] = [];
  let words = 0;
  const add = (type: Block['type'], text: string) => {
    blocks.push({ type, text });
    // Counting spaces: a split per block was a third of the generation time.
    let n = 1;
    for (let i = text.indexOf(' '); i >= 0; i = text.indexOf(' ', i + 1)) n += 1;
    words += n;
  };

  if (language !== 'en') {
    const list = language === 'ur' ? URDU : ARABIC;
    const next = language === 'ur' ? v.nextUrdu : v.nextArabic;
    const sentence = (min: number, max: number) => Array.from({ length: int(rand, min, max) }, () => list[next(rand)]!).join(' ') + (language === 'ur' ? '۔' : '.');
    const title = sentence(6, 10).slice(0, -1);
    let claim = '';
    while (words < target) {
      if (blocks.length > 0 && blocks.length % 6 === 0) add('h2', sentence(3, 5).slice(0, -1));
      const sentences = Array.from({ length: int(rand, 3, 6) }, () => sentence(10, 22));
      if (!claim && blocks.length >= 2) claim = sentences[1]!.slice(0, -1);
      add('p', sentences.join(' '));
    }
    annotations.push({ kind: 'highlight', quote: blocks[0]!.text.split(/[۔.]/)[0]! });
    if (claim) annotations.push({ kind: 'claim', quote: claim, claimant: speaker, source: outlet, credibility: int(rand, 1, 6) as Credibility });
    return { index, language, title, byline, outlet, publishedAt, url: urlOf(outlet, publishedAt, index), blocks, words, annotations };
  }

  const clause = (min: number, max: number) => {
    const n = int(rand, min, max);
    const out: string[] = [];
    for (let i = 0; i < n; i += 1) out.push(v.words[v.next(rand)]!);
    return out.join(' ');
  };
  const title = cap(`${pick(rand, cast)} ${pick(rand, ['says', 'warns', 'rejects', 'welcomes', 'denies'])} ${clause(3, 6)} ${pick(rand, ['amid', 'after', 'as', 'over'])} ${pick(rand, PHRASES)}`)
    .split(' ')
    .map((w) => (w.length > 3 ? cap(w) : w))
    .join(' ');
  const city = pick(rand, CITIES);
  const statements: string[] = [];
  const sentence = (): string => {
    const r = rand();
    if (r < 0.1) return `${cap(clause(6, 12))} ${pick(rand, PHRASES)} ${clause(3, 8)}, officials said.`;
    if (r < 0.18) return `According to ${outlet}, ${clause(8, 16)}.`;
    if (r < 0.26) return `${pick(rand, cast)}, ${pick(rand, ROLES)}, said ${pick(rand, DAYS)} that ${clause(8, 18)} ${pick(rand, PHRASES)}.`;
    if (r < 0.3) return `Residents of ${pick(rand, v.places)} said ${clause(6, 12)}.`;
    if (r < 0.31) return `The ${pick(rand, ['jirga', 'council', 'delegation'])}, known locally as ${pick(rand, RTL_PHRASES)}, ${clause(5, 10)}.`;
    return `${cap(clause(10, 24))}.`;
  };
  const paragraph = (n: number) => Array.from({ length: n }, sentence).join(' ');

  add('p', `${city} (${outlet}) - ${pick(rand, cast)}, ${pick(rand, ROLES)}, said ${pick(rand, DAYS)} that ${clause(10, 18)} ${pick(rand, PHRASES)}. ${paragraph(int(rand, 1, 3))}`);
  while (words < target) {
    if (blocks.length % int(rand, 4, 7) === 0) add('h2', cap(`${clause(2, 4)} ${pick(rand, PHRASES)}`));
    const r = rand();
    if (r < 0.15 || (statements.length === 0 && blocks.length > 3)) {
      const who = statements.length === 0 ? speaker : pick(rand, cast);
      const statement = pick(rand, STATEMENTS)(who === other ? speaker : other);
      if (!statements.includes(statement)) {
        statements.push(statement);
        add('p', `"${statement}," ${who} told ${outlet}. ${paragraph(int(rand, 1, 3))}`);
        if (statements.length <= 2) {
          annotations.push({ kind: 'claim', quote: statement, claimant: who, source: outlet, credibility: int(rand, 1, 6) as Credibility });
        }
        continue;
      }
    }
    if (r < 0.22) {
      add('quote', `"${cap(clause(10, 20))}," ${pick(rand, ['a resident', 'an official', 'a trader', 'a diplomat'])} said.`);
      continue;
    }
    add('p', paragraph(int(rand, 2, 6)));
  }
  // The people named, once each, and the outlet as the source of the report.
  for (const name of new Set(cast)) {
    if (annotations.length >= 6) break;
    if (blocks.some((b) => b.text.includes(name))) annotations.push({ kind: 'actor', quote: name, entity: name });
  }
  annotations.push({ kind: 'source', quote: outlet, entity: outlet });
  const firstSentence = /^.*?\.(?=\s|$)/.exec(blocks[0]!.text)?.[0];
  if (firstSentence) annotations.push({ kind: 'highlight', quote: firstSentence });
  return { index, language, title, byline, outlet, publishedAt, url: urlOf(outlet, publishedAt, index), blocks, words, annotations };
}

function urlOf(outlet: string, day: string, index: number): string {
  return `https://${outlet.toLowerCase().replace(/[^a-z]+/g, '')}.example/${day.replaceAll('-', '/')}/story-${index}`;
}

function longDate(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${MONTHS[m! - 1]} ${d}, ${y}`;
}

/** The article as a plain-text file: title, byline, date line, then paragraphs separated by blank lines. */
export function toText(a: GeneratedArticle): string {
  const lines = [a.title, '', `By ${a.byline}`, '', longDate(a.publishedAt), ''];
  for (const b of a.blocks) lines.push(b.text, '');
  return lines.join('\n');
}

const esc = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/** The article as a saved news page: metadata, navigation, the article, related links, share bar, footer. */
export function toHtml(a: GeneratedArticle): string {
  const dir = a.language === 'en' ? 'ltr' : 'rtl';
  const nav = ['Home', 'Pakistan', 'Afghanistan', 'World', 'Business', 'Opinion', 'Sport', 'Culture', 'Video', 'Podcasts', 'Newsletters', 'Subscribe']
    .map((s) => `<li><a href="/${s.toLowerCase()}">${s}</a></li>`)
    .join('');
  const body = a.blocks
    .map((b) => (b.type === 'h2' ? `<h2>${esc(b.text)}</h2>` : b.type === 'quote' ? `<blockquote><p>${esc(b.text)}</p></blockquote>` : `<p>${esc(b.text)}</p>`))
    .join('\n');
  const related = Array.from({ length: 8 }, (_, i) => `<li><a href="/story-${a.index + i + 1}">More coverage of the region, part ${i + 1}</a></li>`).join('');
  const ld = JSON.stringify({ '@context': 'https://schema.org', '@type': 'NewsArticle', headline: a.title, datePublished: `${a.publishedAt}T08:00:00Z`, author: { '@type': 'Person', name: a.byline }, publisher: { '@type': 'Organization', name: a.outlet } });
  return `<!DOCTYPE html>
<html lang="${a.language}" dir="${dir}">
<head>
<meta charset="utf-8">
<title>${esc(a.title)} | ${esc(a.outlet)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta property="og:site_name" content="${esc(a.outlet)}">
<meta property="og:title" content="${esc(a.title)}">
<meta property="og:type" content="article">
<meta name="author" content="${esc(a.byline)}">
<meta property="article:published_time" content="${a.publishedAt}T08:00:00Z">
<link rel="canonical" href="${a.url}">
<link rel="stylesheet" href="/static/site.css">
<script type="application/ld+json">${ld.replaceAll('<', '\\u003c')}</script>
<script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}</script>
</head>
<body class="article-page">
<div class="cookie-banner">We use cookies to improve your experience. <button>Accept</button></div>
<header class="site-header"><a class="logo" href="/">${esc(a.outlet)}</a><nav aria-label="Sections"><ul>${nav}</ul></nav></header>
<div class="ad-slot ad-leaderboard">Advertisement</div>
<main>
<article class="story">
<h1>${esc(a.title)}</h1>
<p class="byline">By <a rel="author" href="/authors/${a.byline.toLowerCase().replace(/\s+/g, '-')}">${esc(a.byline)}</a></p>
<time datetime="${a.publishedAt}T08:00:00Z">${longDate(a.publishedAt)}</time>
<div class="share-bar"><a href="#">Facebook</a> <a href="#">X</a> <a href="#">WhatsApp</a> <a href="#">Email</a></div>
<div class="story-body">
${body}
</div>
</article>
<aside class="related"><h3>Related stories</h3><ul>${related}</ul></aside>
</main>
<div class="newsletter-signup">Get the morning briefing in your inbox. <input type="email" placeholder="Email"> <button>Sign up</button></div>
<footer class="site-footer"><p>© ${a.publishedAt.slice(0, 4)} ${esc(a.outlet)}. All rights reserved.</p><ul><li><a href="/about">About</a></li><li><a href="/privacy">Privacy</a></li><li><a href="/contact">Contact</a></li></ul></footer>
</body>
</html>
`;
}

export type FileKind = 'txt' | 'html';

export function corpusDir(root: string, seed: number): string {
  return path.join(root, `seed${seed}-v${CORPUS_VERSION}`);
}

/** Where article `index` lives: shards of 1,000 so no folder is huge. */
export function articlePath(dir: string, kind: FileKind, index: number): string {
  return path.join(dir, kind, String(Math.floor(index / 1000)).padStart(3, '0'), `a${String(index).padStart(6, '0')}.${kind}`);
}

/** The folders holding articles [0, count) (count a multiple of 1,000, or less than 1,000). */
export function shardDirs(dir: string, kind: FileKind, count: number): string[] {
  return Array.from({ length: Math.ceil(count / 1000) }, (_, s) => path.join(dir, kind, String(s).padStart(3, '0')));
}

/** The article index a file name stands for ("a000123.txt" -> 123). */
export function indexOfFile(file: string): number {
  return Number(/a(\d+)\.\w+$/.exec(file)?.[1] ?? NaN);
}

/**
 * Writes articles [0, count) as `kind` files, skipping shards already complete (a marker
 * per shard records one). `part`/`parts` split the shards between processes.
 */
export function writeCorpus(dir: string, seed: number, kind: FileKind, count: number, part = 0, parts = 1): { seconds: number; written: number; bytes: number } {
  const started = performance.now();
  let bytes = 0;
  let written = 0;
  for (let shard = part; shard * 1000 < count; shard += parts) {
    const end = Math.min(count, (shard + 1) * 1000);
    const shardDir = path.join(dir, kind, String(shard).padStart(3, '0'));
    const marker = path.join(dir, kind, `.done-${String(shard).padStart(3, '0')}-${end - shard * 1000}`);
    if (fs.existsSync(marker)) continue;
    fs.mkdirSync(shardDir, { recursive: true });
    for (let i = shard * 1000; i < end; i += 1) {
      const a = generateArticle(seed, i);
      const content = kind === 'txt' ? toText(a) : toHtml(a);
      bytes += Buffer.byteLength(content);
      fs.writeFileSync(articlePath(dir, kind, i), content);
      written += 1;
    }
    fs.writeFileSync(marker, '');
  }
  return { seconds: (performance.now() - started) / 1000, written, bytes };
}
