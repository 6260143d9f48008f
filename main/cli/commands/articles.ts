import type { ArticleCursor, ArticleSummary } from '../../../common/api/methods/articles.ts';
import { call } from '../../api/dispatch.ts';
import { parseId, UsageError, type Command } from '../command.ts';

const PAGE = 500;

export const listCommand: Command = {
  name: 'list',
  usage: 'list [--json]',
  summary: 'List the articles in the library.',
  options: { json: { type: 'boolean' } },
  async run(context, { values }) {
    const { dispatch } = context.open();
    const articles: ArticleSummary[] = [];
    let idWidth = 0;
    // Page by page through the sort's index (the cursor), so each page costs what the first
    // does. The table is printed a page at a time: a library of 100,000 is never held whole.
    let after: ArticleCursor | null | undefined;
    do {
      const page = await call(dispatch, 'articles.list', { limit: PAGE, sort: 'retrieved', ...(after ? { after } : {}) });
      after = page.next;
      if (values.json) {
        articles.push(...page.items);
        continue;
      }
      if (idWidth === 0) {
        if (page.items.length === 0) {
          context.out('The library has no articles.');
          return 0;
        }
        // The first page holds the newest imports, which have the highest ids: their width is the column's.
        idWidth = Math.max(2, ...page.items.map((a) => String(a.id).length));
        context.out(`${'ID'.padStart(idWidth)}  ${'HIGHLIGHTS'.padEnd(10)}  ${'DATE'.padEnd(10)}  ${'OUTLET'.padEnd(16)}  TITLE`);
      }
      // One write a page: a write per line costs a system call each (30 ms at 10,000 articles).
      context.out(
        page.items
          .map((a) => `${String(a.id).padStart(idWidth)}  ${String(a.annotationCount).padEnd(10)}  ${(a.publishedAt ?? '').slice(0, 10).padEnd(10)}  ${truncate(a.outlet ?? '-', 16).padEnd(16)}  ${a.title}`)
          .join('\n'),
      );
    } while (after);
    if (values.json) context.json(articles);
    return 0;
  },
};

export const showCommand: Command = {
  name: 'show',
  usage: 'show ID [--json]',
  summary: "Print an article's metadata and its canonical text.",
  options: { json: { type: 'boolean' } },
  positionals: true,
  async run(context, { values, positionals }) {
    const id = parseId(positionals[0], 'The article ID');
    const { dispatch } = context.open();
    const article = await call(dispatch, 'articles.get', { id });
    if (values.json) {
      context.json(article);
      return 0;
    }
    const fields: [string, string | null][] = [
      ['Title', article.title],
      ['Outlet', article.outlet],
      ['Byline', article.byline],
      ['Published', article.publishedAt],
      ['URL', article.url],
      ['Language', article.language],
      ['Direction', article.direction],
      ['Retrieved', article.retrievedAt],
      ['Text SHA-256', article.textSha256],
      ['Original', article.original ? `${article.original.name ?? '(pasted)'} ${article.original.type}, ${article.original.size} bytes, SHA-256 ${article.original.sha256}` : null],
      ['Highlights', String(article.annotationCount)],
    ];
    for (const [label, value] of fields) if (value) context.out(`${`${label}:`.padEnd(14)} ${value}`);
    // Wire copies: every other place the same text was published, each with its evidence.
    for (const a of article.appearances.slice(1)) {
      context.out(`${'Also carried:'.padEnd(14)} ${[a.outlet ?? '(no outlet)', a.url, `retrieved ${a.retrievedAt}`, a.original ? `SHA-256 ${a.original.sha256}` : null].filter(Boolean).join(', ')}`);
    }
    for (const s of article.sameStory) {
      context.out(`${'Same story?'.padEnd(14)} #${s.articleId} "${s.title}"${s.outlet ? ` (${s.outlet})` : ''}, ${Math.round(s.similarity * 100)}% alike: ${s.status}`);
    }
    context.out('');
    context.out(article.text);
    return 0;
  },
};

function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

export const sameStoryCommand: Command = {
  name: 'same-story',
  usage: 'same-story ID OTHER --confirm|--dismiss|--undecide',
  summary: 'Answer "probably the same story" for two articles: confirmed ones count as one independent report.',
  options: { confirm: { type: 'boolean' }, dismiss: { type: 'boolean' }, undecide: { type: 'boolean' } },
  positionals: true,
  async run(context, { values, positionals }) {
    const id = parseId(positionals[0], 'The article ID');
    const otherId = parseId(positionals[1], 'The other article ID');
    const chosen = (['confirm', 'dismiss', 'undecide'] as const).filter((k) => values[k]);
    if (chosen.length !== 1) throw new UsageError('Give exactly one of --confirm, --dismiss or --undecide.');
    const status = ({ confirm: 'confirmed', dismiss: 'dismissed', undecide: 'suggested' } as const)[chosen[0]!];
    const { dispatch } = context.open();
    await call(dispatch, 'articles.decideSameStory', { id, otherId, status });
    context.out(`#${id} and #${otherId}: ${status}`);
    return 0;
  },
};
