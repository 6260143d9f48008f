// Test fixtures for wire copies (vitest and Playwright): one real news text (the sample
// article on Iran's mediation, with a wire dateline) as three outlets carried it, a lightly
// edited copy of it, and news pages around them. Not used by the app.
import fs from 'node:fs';
import path from 'node:path';

const SEEDS = path.resolve(import.meta.dirname, '..', '..', 'seeds');
/** A real news text (the sample article about Iran's mediation): the wire story. */
export const WIRE = [
  'TEHRAN, Oct 21 – Iran offered on Tuesday to mediate between Pakistan and Afghanistan, officials said.',
  ...fs.readFileSync(path.join(SEEDS, 'pakistan-looks-to-iran.txt'), 'utf8').trim().split('\n'),
];
export const OTHER = fs.readFileSync(path.join(SEEDS, 'taliban-pakistan-rapprochement.txt'), 'utf8').trim().split('\n');
export const HEADLINE = 'Pakistan Looks to Iran as Qatari and Turkish Mediation Falters';

/** A news page as an outlet publishes it: its own chrome and metadata around the story. */
export function page(outlet: string, url: string, headline: string, paragraphs: readonly string[]): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${headline} | ${outlet}</title>
<meta property="og:site_name" content="${outlet}"><link rel="canonical" href="${url}"><meta property="og:url" content="${url}">
<meta property="article:published_time" content="2025-10-21T08:00:00Z"></head>
<body><header><nav><a href="/">${outlet} home</a> <a href="/world">World</a> <a href="/business">Business</a></nav></header>
<main><article><h1>${headline}</h1><p class="byline">By Staff Reporter</p>${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}</article></main>
<footer><p>© 2025 ${outlet}. All rights reserved.</p><a href="/privacy">Privacy</a></footer></body></html>`;
}

/** Three outlets' pages carrying the wire story word for word, in `dir`. */
export function writeWireFolder(dir: string): { dir: string; files: string[] } {
  fs.mkdirSync(dir, { recursive: true });
  const outlets = [
    ['Reuters', 'https://www.reuters.example/world/asia/pakistan-iran-mediation-2025-10-21/'],
    ['Dawn', 'https://www.dawn.example/news/1950001/pakistan-looks-to-iran'],
    ['Geo News', 'https://www.geo.example/latest/612345-pakistan-iran-mediation'],
  ] as const;
  const files = outlets.map(([outlet, url], i) => {
    const file = path.join(dir, `${i + 1}-${outlet.replace(/\s/g, '-').toLowerCase()}.html`);
    fs.writeFileSync(file, page(outlet, url, HEADLINE, WIRE));
    return file;
  });
  return { dir, files };
}

/** The wire story as a fourth outlet ran it: its own headline and opening, one paragraph cut. */
export function editedCopy(dir: string): string {
  const file = path.join(dir, '4-express-tribune.html');
  const paragraphs = [
    'ISLAMABAD: Officials in the capital on Tuesday welcomed the prospect of Iranian mediation, a day after talks in Doha ended without agreement.',
    ...WIRE.slice(1, 4),
    ...WIRE.slice(5),
  ];
  fs.writeFileSync(file, page('The Express Tribune', 'https://tribune.example/story/2580001/iran-offers-mediation', 'Iran offers to mediate between Islamabad and Kabul', paragraphs));
  return file;
}

