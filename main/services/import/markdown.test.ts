// @vitest-environment node
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TextFormat, canonicalText, type SerializedElement, type SerializedNode } from '../../../common/text/document.ts';
import { convertMarkdown, parseMarkdown, readFrontMatter } from './markdown.ts';
import type { OriginalFile } from './types.ts';
import { parseHtml, sanitize } from './dom.ts';
import { blocksFromDom } from './walker.ts';

const original: OriginalFile = { bytes: new Uint8Array(0), type: 'text/markdown', name: 'note.md' };

async function blocks(md: string): Promise<SerializedNode[]> {
  return (await parseMarkdown(md)).blocks;
}

async function text(md: string): Promise<string> {
  return canonicalText({ root: { type: 'root', version: 1, children: await blocks(md), direction: null, format: '', indent: 0 } });
}

function children(node: SerializedNode | undefined): SerializedNode[] {
  return ((node as SerializedElement | undefined)?.children ?? []);
}

describe('Markdown blocks', () => {
  it('turns # headings into heading nodes with their level', async () => {
    const [h1, h3] = await blocks('# Top\n\n### Third level ###');
    expect(h1).toMatchObject({ type: 'heading', tag: 'h1' });
    expect(h3).toMatchObject({ type: 'heading', tag: 'h3' });
    expect(await text('### Third level ###')).toBe('Third level');
  });

  it('reads setext headings and joins paragraph lines with a space', async () => {
    expect(await blocks('Title\n=====\n\nline one\nline two')).toMatchObject([{ type: 'heading', tag: 'h1' }, { type: 'paragraph' }]);
    expect(await text('line one\nline two')).toBe('line one line two');
  });

  it('keeps a hard line break (two trailing spaces or a backslash)', async () => {
    expect(await text('first  \nsecond\\\nthird')).toBe('first\nsecond\nthird');
  });

  it('turns block quotes into one quote per paragraph', async () => {
    const quotes = await blocks('> “We cannot wait,” he said.\n>\n> Second quoted paragraph.');
    expect(quotes.map((b) => b.type)).toEqual(['quote', 'quote']);
    expect(await text('> a\n> b')).toBe('a b');
  });

  it('builds bullet and numbered lists, nested by indentation, in Lexical’s shape', async () => {
    const [list] = await blocks('- one\n- two\n  - two.a\n  - two.b\n- three');
    expect(list).toMatchObject({ type: 'list', listType: 'bullet', tag: 'ul' });
    const items = children(list);
    expect(items.map((i) => i.value)).toEqual([1, 2, 3, 3]);
    // The nested list sits alone in its own item, after the item it belongs to.
    expect(children(items[2])[0]).toMatchObject({ type: 'list', listType: 'bullet' });
    expect(await text('- one\n- two\n  - two.a\n  - two.b\n- three')).toBe('one\n\ntwo\n\ntwo.a\n\ntwo.b\n\nthree');

    const [numbered] = await blocks('3. third\n4. fourth');
    expect(numbered).toMatchObject({ type: 'list', listType: 'number', start: 3, tag: 'ol' });
  });

  it('keeps fenced code verbatim, line breaks and all, in code format', async () => {
    const [code] = await blocks('```js\nconst a = 1;\n  indented();\n```');
    expect(code?.type).toBe('paragraph');
    expect(await text('```\nconst a = 1;\n  indented();\n```')).toBe('const a = 1;\n  indented();');
    expect(children(code)[0]).toMatchObject({ type: 'text', format: TextFormat.code });
    expect(await text('```\n# not a heading\n```')).toBe('# not a heading');
  });

  it('turns tables into one readable paragraph per row', async () => {
    expect(await text('| Quarter | Trade |\n|---|---:|\n| Q2 | 412 |\n| Q3 | 287 |')).toBe('Quarter | Trade\n\nQ2 | 412\n\nQ3 | 287');
  });

  it('drops horizontal rules, HTML comments and lone HTML tag lines', async () => {
    expect(await text('before\n\n---\n\n<!-- hidden note -->\n<div align="center">\n\nafter\n\n</div>')).toBe('before\n\nafter');
  });

  it('numbers GitHub footnotes as they are referenced and puts them after the text', async () => {
    const md = 'Talks resumed[^doha] in Doha.[^date]\n\n[^date]: On 20 November.\n[^doha]: According to *Dawn*.\n[^unused]: Never cited.';
    expect(await text(md)).toBe('Talks resumed[1] in Doha.[2]\n\n[1] According to Dawn.\n\n[2] On 20 November.');
  });

  it('reads raw HTML blocks through the HTML importer’s sanitizer and walker', async () => {
    const md = 'Before.\n\n<table><tr><td>Q2</td><td><b>412</b></td></tr></table>\n\n<script>alert(1)</script>\n\n<p onclick="x()">A <a href="javascript:alert(1)">trap</a> and <a href="https://example.org/">a link</a>.</p>\n\nAfter.';
    const result = await blocks(md);
    expect(await text(md)).toBe('Before.\n\nQ2 | 412\n\nA trap and a link.\n\nAfter.');
    expect(JSON.stringify(result)).not.toMatch(/javascript|onclick|alert/);
    expect(children(result[2]).filter((n) => n.type === 'link').map((l) => l.url)).toEqual(['https://example.org/']);
  });

  it('decodes entities and keeps indented code', async () => {
    expect(await text('AT&amp;T &copy; &#1575;&#1604; caf&eacute;')).toBe('AT&T © ال café');
    expect(await text('Text:\n\n    const a = 1;\n      b();')).toBe('Text:\n\nconst a = 1;\n  b();');
  });
});

describe('Markdown inline', () => {
  const inline = async (md: string): Promise<SerializedNode[]> => children((await blocks(md))[0]);

  it('sets format bits for emphasis, strong, both, strikethrough and code', async () => {
    const nodes = await inline('*it* **bold** ***both*** ~~gone~~ `code` _under_ snake_case_name');
    const formatOf = (t: string): number | undefined => (nodes.find((n) => n.text === t) as { format?: number } | undefined)?.format;
    expect(formatOf('it')).toBe(TextFormat.italic);
    expect(formatOf('bold')).toBe(TextFormat.bold);
    expect(formatOf('both')).toBe(TextFormat.bold | TextFormat.italic);
    expect(formatOf('gone')).toBe(TextFormat.strikethrough);
    expect(formatOf('code')).toBe(TextFormat.code);
    expect(formatOf('under')).toBe(TextFormat.italic);
    expect(await text('snake_case_name and 2 * 3 * 4')).toBe('snake_case_name and 2 * 3 * 4');
  });

  it('nests emphasis inside strong', async () => {
    const nodes = await inline('**bold *and italic* bold**');
    expect(nodes.find((n) => n.text === 'and italic')).toMatchObject({ format: TextFormat.bold | TextFormat.italic });
  });

  it('makes links for http, https and mailto only; other schemes stay plain text', async () => {
    const nodes = await inline('[site](https://example.org/a "Title") [mail](mailto:desk@example.org) [bad](javascript:alert(1)) [rel](/relative) [file](file:///etc/passwd)');
    const links = nodes.filter((n) => n.type === 'link');
    expect(links.map((l) => l.url)).toEqual(['https://example.org/a', 'mailto:desk@example.org']);
    expect(JSON.stringify(nodes)).not.toContain('javascript');
    expect(await text('[bad](javascript:alert(1)) and [rel](/relative)')).toBe('bad and rel');
  });

  it('resolves reference links and autolinks, and links bare URLs', async () => {
    const md = 'See [the report][r1] and <https://example.org/x>, or https://example.org/y.\n\n[r1]: https://example.org/report "Report"';
    const links = (await blocks(md)).flatMap((b) => children(b)).filter((n) => n.type === 'link');
    expect(links.map((l) => l.url)).toEqual(['https://example.org/report', 'https://example.org/x', 'https://example.org/y']);
    expect(await text(md)).toBe('See the report and https://example.org/x, or https://example.org/y.');
  });

  it('turns images into placeholders carrying the alt text, never the source URL', async () => {
    const nodes = await inline('![Trucks at *Torkham*](https://img.example/t.jpg) and ![](x.png)');
    expect(nodes.filter((n) => n.type === 'image-placeholder')).toEqual([
      { type: 'image-placeholder', version: 1, altText: 'Trucks at Torkham' },
      { type: 'image-placeholder', version: 1, altText: '' },
    ]);
    expect(JSON.stringify(nodes)).not.toContain('img.example');
  });

  it('honours backslash escapes and leaves unmatched markers alone', async () => {
    expect(await text('\\*not emphasis\\* and a lone * star and [brackets]')).toBe('*not emphasis* and a lone * star and [brackets]');
  });

  // What the file is refused for, it is refused for before parsing: in a millisecond,
  // where micromark would take minutes (see refusePathological in markdown.ts).
  it('refuses Markdown nested deeply enough to stall the parser, naming the file and line, and reads heavy real documents', async () => {
    const refused: [string, RegExp][] = [
      ['>'.repeat(4000) + ' deep', /^deep\.md nests quotes or lists more than 256 characters deep \(line 1\)/],
      [Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i * 2)}- item`).join('\n'), /nests quotes or lists more than 256 characters deep \(line 129\)/],
      [`${'*'.repeat(20_000)}x${'*'.repeat(20_000)}`, /has a run of more than 256 emphasis markers \(line 1\)/],
      [`${'*a **'.repeat(3000)}x${'** a*'.repeat(3000)}`, /has a paragraph with more than 1,000 emphasis or link markers \(line 1\)/],
      [`${'*a **\n'.repeat(3000)}x`, /more than 1,000 emphasis or link markers \(line 501\)/],
      [`${'['.repeat(5000)}x${'](https://a.example)'.repeat(5000)}`, /more than 1,000 emphasis or link markers/],
      [`${'*a '.repeat(20_000)}end`, /more than 1,000 emphasis or link markers/],
    ];
    for (const [md, message] of refused) {
      const failure = await convertMarkdown(md, { ...original, name: 'deep.md' }).catch((error: unknown) => error);
      expect(failure, md.slice(0, 40)).toMatchObject({ code: 'IMPORT_FAILED', detail: expect.stringMatching(message) });
    }
    // Large, but each table cell, list item and paragraph is shallow.
    expect((await text(`| a | b |\n|---|---|\n${'| **x** | *y* |\n'.repeat(500)}`)).split('\n\n')).toHaveLength(501);
    expect(await blocks('- [a](https://x.example/)\n'.repeat(1000))).toHaveLength(1);
    expect(await text(`Text\n\n${'*'.repeat(300)}\n\nMore`)).toBe('Text\n\nMore');
    expect(await text(`${'*a '.repeat(900)}end`)).toBe(`${'*a '.repeat(900)}end`);
  });
});

describe('front matter and metadata', () => {
  it('reads YAML front matter: quoted values, lists, nested author objects, and ignores broken YAML', async () => {
    expect(readFrontMatter('title: "A: quoted title"\nauthors:\n  - Amina Qureshi\n  - Farhan Siddiqui\ntags: [a, b]\nauthor:\n  name: Laila Rahimi\ndraft: false')).toEqual({
      title: 'A: quoted title',
      authors: 'Amina Qureshi, Farhan Siddiqui',
      tags: 'a, b',
      author: 'Laila Rahimi',
      draft: 'false',
    });
    // A folded block scalar, which the old flat reader cut after its first line.
    expect(readFrontMatter('title: >\n  Talks resume\n  in Doha\n').title).toBe('Talks resume in Doha');
    expect(readFrontMatter('title: [unclosed')).toEqual({});
    expect(readFrontMatter('- just\n- a list')).toEqual({});
    // Aliases expanding into billions of nodes are refused, not expanded.
    const laughs = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...'bcdefghi'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`)].join('\n');
    expect(readFrontMatter(laughs)).toEqual({});
  });

  it('fills the metadata from front matter and keeps it out of the body', async () => {
    const md = '---\ntitle: Border Talks Stall\nauthor: Amina Qureshi\ndate: 2025-11-20\nsource: Frontier Ledger\nurl: https://frontierledger.example/a\n---\n\n# Border Talks Stall\n\nTalks ended without agreement.';
    const c = await convertMarkdown(md, original);
    expect(c.metadata).toEqual({
      title: 'Border Talks Stall',
      byline: 'Amina Qureshi',
      outlet: 'Frontier Ledger',
      url: 'https://frontierledger.example/a',
      publishedAt: '2025-11-20',
      language: null,
      direction: 'ltr',
    });
    expect(canonicalText(c.body)).toBe('Talks ended without agreement.');
    expect(c.original).toBe(original);
  });

  it('takes the title from a first heading, else from the first sentence', async () => {
    expect((await convertMarkdown('## Heading Title\n\nBody.', original)).metadata.title).toBe('Heading Title');
    expect((await convertMarkdown('Just a paragraph. And more.', original)).metadata.title).toBe('Just a paragraph');
  });

  it('treats a source that is a URL as the url, not the outlet', async () => {
    const c = await convertMarkdown('---\nsource: https://example.org/story\n---\nText.', original);
    expect(c.metadata.url).toBe('https://example.org/story');
    expect(c.metadata.outlet).toBeNull();
  });

  it('detects right-to-left content', async () => {
    const c = await convertMarkdown('# عنوان\n\nقال المتحدث باسم وزارة الخارجية إن المحادثات ستستمر.', original);
    expect(c.metadata).toMatchObject({ direction: 'rtl', language: 'ar' });
  });

  it('refuses a file with no text', async () => {
    await expect(convertMarkdown('---\ntitle: x\n---\n\n<!-- nothing -->\n', original)).rejects.toThrow(/note\.md has no text in it/);
  });
});

describe('CommonMark spec examples', () => {
  // 446 examples of CommonMark 0.31.2 (fixtures/commonmark/README.md says which and from where).
  const examples = JSON.parse(fs.readFileSync(new URL('../../testing/fixtures/import/commonmark/spec-0.31.2-examples.json', import.meta.url), 'utf8')) as {
    example: number;
    section: string;
    markdown: string;
    html: string;
  }[];
  // Where Casefile means to differ from plain CommonMark's HTML, and why.
  const DIFFERENT: Record<number, string> = {
    20: 'the URL is the same address; only its escaping of "\\" differs',
    96: 'a document opening with --- lines is YAML front matter',
    266: 'code inside a list item keeps its line breaks (the HTML walker flattens <pre> in <li>)',
    276: 'code inside a list item keeps its indentation (the HTML walker flattens <pre> in <li>)',
    356: 'U+1E2FF (Unicode 14) is not yet punctuation in micromark’s tables',
    477: 'inline raw HTML tags are never markup in an article',
    496: 'inline raw HTML tags are never markup in an article',
    528: 'GFM links a bare URL',
    540: 'GFM links a bare URL',
    604: 'GFM links a bare URL',
    605: 'the URL is the same address; only its escaping of "\\" differs',
    608: 'GFM links a bare e-mail address',
    610: 'GFM links a bare URL',
    613: 'GFM links a bare URL',
    614: 'GFM links a bare e-mail address',
  };

  it('imports each example as the HTML importer imports the spec’s HTML for it', async () => {
    expect(examples).toHaveLength(446);
    const differing: number[] = [];
    for (const example of examples) {
      const fromMarkdown = await blocks(example.markdown);
      const body = parseHtml(example.html).body;
      sanitize(body);
      const fromHtml = blocksFromDom(body, { baseUrl: null });
      if (JSON.stringify(fromMarkdown) !== JSON.stringify(fromHtml)) differing.push(example.example);
    }
    expect(differing).toEqual(Object.keys(DIFFERENT).map(Number).filter((n) => examples.some((e) => e.example === n)));
  });
});
