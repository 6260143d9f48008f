// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { TextFormat, canonicalText, type SerializedElement, type SerializedNode } from '../../../common/text/document.ts';
import { convertMarkdown, parseMarkdown, splitFrontMatter } from './markdown.ts';
import type { OriginalFile } from './types.ts';

const original: OriginalFile = { bytes: new Uint8Array(0), type: 'text/markdown', name: 'note.md' };

function blocks(md: string): SerializedNode[] {
  return parseMarkdown(md).blocks;
}

function text(md: string): string {
  return canonicalText({ root: { type: 'root', version: 1, children: blocks(md), direction: null, format: '', indent: 0 } });
}

function children(node: SerializedNode | undefined): SerializedNode[] {
  return ((node as SerializedElement | undefined)?.children ?? []) as SerializedNode[];
}

describe('Markdown blocks', () => {
  it('turns # headings into heading nodes with their level', () => {
    const [h1, h3] = blocks('# Top\n\n### Third level ###');
    expect(h1).toMatchObject({ type: 'heading', tag: 'h1' });
    expect(h3).toMatchObject({ type: 'heading', tag: 'h3' });
    expect(text('### Third level ###')).toBe('Third level');
  });

  it('reads setext headings and joins paragraph lines with a space', () => {
    expect(blocks('Title\n=====\n\nline one\nline two')).toMatchObject([{ type: 'heading', tag: 'h1' }, { type: 'paragraph' }]);
    expect(text('line one\nline two')).toBe('line one line two');
  });

  it('keeps a hard line break (two trailing spaces or a backslash)', () => {
    expect(text('first  \nsecond\\\nthird')).toBe('first\nsecond\nthird');
  });

  it('turns block quotes into one quote per paragraph', () => {
    const quotes = blocks('> “We cannot wait,” he said.\n>\n> Second quoted paragraph.');
    expect(quotes.map((b) => b.type)).toEqual(['quote', 'quote']);
    expect(text('> a\n> b')).toBe('a b');
  });

  it('builds bullet and numbered lists, nested by indentation, in Lexical’s shape', () => {
    const [list] = blocks('- one\n- two\n  - two.a\n  - two.b\n- three');
    expect(list).toMatchObject({ type: 'list', listType: 'bullet', tag: 'ul' });
    const items = children(list);
    expect(items.map((i) => i.value)).toEqual([1, 2, 3, 3]);
    // The nested list sits alone in its own item, after the item it belongs to.
    expect(children(items[2])[0]).toMatchObject({ type: 'list', listType: 'bullet' });
    expect(text('- one\n- two\n  - two.a\n  - two.b\n- three')).toBe('one\n\ntwo\n\ntwo.a\n\ntwo.b\n\nthree');

    const [numbered] = blocks('3. third\n4. fourth');
    expect(numbered).toMatchObject({ type: 'list', listType: 'number', start: 3, tag: 'ol' });
  });

  it('keeps fenced code verbatim, line breaks and all, in code format', () => {
    const [code] = blocks('```js\nconst a = 1;\n  indented();\n```');
    expect(code?.type).toBe('paragraph');
    expect(text('```\nconst a = 1;\n  indented();\n```')).toBe('const a = 1;\n  indented();');
    expect(children(code)[0]).toMatchObject({ type: 'text', format: TextFormat.code });
    expect(text('```\n# not a heading\n```')).toBe('# not a heading');
  });

  it('turns tables into one readable paragraph per row', () => {
    expect(text('| Quarter | Trade |\n|---|---:|\n| Q2 | 412 |\n| Q3 | 287 |')).toBe('Quarter | Trade\n\nQ2 | 412\n\nQ3 | 287');
  });

  it('drops horizontal rules, HTML comments and lone HTML tag lines', () => {
    expect(text('before\n\n---\n\n<!-- hidden note -->\n<div align="center">\n\nafter\n\n</div>')).toBe('before\n\nafter');
  });
});

describe('Markdown inline', () => {
  const inline = (md: string): SerializedNode[] => children(blocks(md)[0]);

  it('sets format bits for emphasis, strong, both, strikethrough and code', () => {
    const nodes = inline('*it* **bold** ***both*** ~~gone~~ `code` _under_ snake_case_name');
    const formatOf = (t: string): number | undefined => (nodes.find((n) => n.text === t) as { format?: number } | undefined)?.format;
    expect(formatOf('it')).toBe(TextFormat.italic);
    expect(formatOf('bold')).toBe(TextFormat.bold);
    expect(formatOf('both')).toBe(TextFormat.bold | TextFormat.italic);
    expect(formatOf('gone')).toBe(TextFormat.strikethrough);
    expect(formatOf('code')).toBe(TextFormat.code);
    expect(formatOf('under')).toBe(TextFormat.italic);
    expect(text('snake_case_name and 2 * 3 * 4')).toBe('snake_case_name and 2 * 3 * 4');
  });

  it('nests emphasis inside strong', () => {
    const nodes = inline('**bold *and italic* bold**');
    expect(nodes.find((n) => n.text === 'and italic')).toMatchObject({ format: TextFormat.bold | TextFormat.italic });
  });

  it('makes links for http, https and mailto only; other schemes stay plain text', () => {
    const nodes = inline('[site](https://example.org/a "Title") [mail](mailto:desk@example.org) [bad](javascript:alert(1)) [rel](/relative) [file](file:///etc/passwd)');
    const links = nodes.filter((n) => n.type === 'link');
    expect(links.map((l) => l.url)).toEqual(['https://example.org/a', 'mailto:desk@example.org']);
    expect(JSON.stringify(nodes)).not.toContain('javascript');
    expect(text('[bad](javascript:alert(1)) and [rel](/relative)')).toBe('bad and rel');
  });

  it('resolves reference links and autolinks, and links bare URLs', () => {
    const md = 'See [the report][r1] and <https://example.org/x>, or https://example.org/y.\n\n[r1]: https://example.org/report "Report"';
    const links = blocks(md).flatMap((b) => children(b)).filter((n) => n.type === 'link');
    expect(links.map((l) => l.url)).toEqual(['https://example.org/report', 'https://example.org/x', 'https://example.org/y']);
    expect(text(md)).toBe('See the report and https://example.org/x, or https://example.org/y.');
  });

  it('turns images into placeholders carrying the alt text, never the source URL', () => {
    const nodes = inline('![Trucks at *Torkham*](https://img.example/t.jpg) and ![](x.png)');
    expect(nodes.filter((n) => n.type === 'image-placeholder')).toEqual([
      { type: 'image-placeholder', version: 1, altText: 'Trucks at Torkham' },
      { type: 'image-placeholder', version: 1, altText: '' },
    ]);
    expect(JSON.stringify(nodes)).not.toContain('img.example');
  });

  it('honours backslash escapes and leaves unmatched markers alone', () => {
    expect(text('\\*not emphasis\\* and a lone * star and [brackets]')).toBe('*not emphasis* and a lone * star and [brackets]');
  });

  it('stays fast on pathological input (thousands of unmatched asterisks)', () => {
    const started = performance.now();
    const result = text(`${'*a '.repeat(20_000)}end`);
    expect(result.endsWith('end')).toBe(true);
    expect(performance.now() - started).toBeLessThan(3000);
  });
});

describe('front matter and metadata', () => {
  it('reads flat YAML keys, quoted values and lists', () => {
    const { frontMatter, body } = splitFrontMatter('---\ntitle: "A: quoted title"\nauthors:\n  - Amina Qureshi\n  - Farhan Siddiqui\ntags: [a, b]\n---\nBody');
    expect(frontMatter).toEqual({ title: 'A: quoted title', authors: ['Amina Qureshi', 'Farhan Siddiqui'], tags: ['a', 'b'] });
    expect(body).toBe('Body');
  });

  it('fills the metadata from front matter and keeps it out of the body', () => {
    const md = '---\ntitle: Border Talks Stall\nauthor: Amina Qureshi\ndate: 2025-11-20\nsource: Frontier Ledger\nurl: https://frontierledger.example/a\n---\n\n# Border Talks Stall\n\nTalks ended without agreement.';
    const c = convertMarkdown(md, original);
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

  it('takes the title from a first heading, else from the first sentence', () => {
    expect(convertMarkdown('## Heading Title\n\nBody.', original).metadata.title).toBe('Heading Title');
    expect(convertMarkdown('Just a paragraph. And more.', original).metadata.title).toBe('Just a paragraph');
  });

  it('treats a source that is a URL as the url, not the outlet', () => {
    const c = convertMarkdown('---\nsource: https://example.org/story\n---\nText.', original);
    expect(c.metadata.url).toBe('https://example.org/story');
    expect(c.metadata.outlet).toBeNull();
  });

  it('detects right-to-left content', () => {
    const c = convertMarkdown('# عنوان\n\nقال المتحدث باسم وزارة الخارجية إن المحادثات ستستمر.', original);
    expect(c.metadata).toMatchObject({ direction: 'rtl', language: 'ar' });
  });

  it('refuses a file with no text', () => {
    expect(() => convertMarkdown('---\ntitle: x\n---\n\n<!-- nothing -->\n', original)).toThrow(/note\.md has no text in it/);
  });
});
