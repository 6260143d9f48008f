// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import { TextFormat, canonicalText, documentOf, type SerializedElement, type SerializedNode } from '../../../common/text/document.ts';
import { parseHtml, sanitize, withoutScriptBodies } from './dom.ts';
import { setSanitizerEnabledForTests } from './html.ts';
import { blocksFromDom } from './walker.ts';

function walk(html: string, baseUrl: string | null = null): SerializedNode[] {
  // innerHTML bypasses parseHtml's removal of script and svg bodies, so the walker is tested on everything.
  const doc = parseHtml('<!DOCTYPE html><html><body></body></html>');
  doc.body.innerHTML = html;
  sanitize(doc.body);
  return blocksFromDom(doc.body, { baseUrl });
}

function text(html: string): string {
  return canonicalText(documentOf(walk(html)));
}

function kids(node: SerializedNode | undefined): SerializedNode[] {
  return ((node as SerializedElement | undefined)?.children ?? []);
}

afterEach(() => setSanitizerEnabledForTests(true));

describe('HTML to Lexical: blocks', () => {
  it('maps headings, paragraphs and block quotes', () => {
    expect(walk('<h1>One</h1><h4>Four</h4><p>Para</p><blockquote><p>Q1</p><p>Q2</p></blockquote>').map((b) => [b.type, b.tag ?? null])).toEqual([
      ['heading', 'h1'],
      ['heading', 'h4'],
      ['paragraph', null],
      ['quote', null],
      ['quote', null],
    ]);
  });

  it('turns loose text and inline runs between blocks into paragraphs of their own', () => {
    expect(text('<div>Loose text <b>bold</b><p>Para</p>tail</div>')).toBe('Loose text bold\n\nPara\n\ntail');
  });

  it('builds nested lists in Lexical’s shape, numbering from the start attribute', () => {
    const [list] = walk('<ol start="4"><li>four<ol><li>inner</li></ol></li><li>five</li></ol>');
    expect(list).toMatchObject({ type: 'list', listType: 'number', start: 4, tag: 'ol' });
    const items = kids(list);
    expect(items.map((i) => i.value)).toEqual([4, 5, 5]);
    expect(kids(items[1])[0]).toMatchObject({ type: 'list', listType: 'number' });
    expect(canonicalText(documentOf([list!]))).toBe('four\n\ninner\n\nfive');
  });

  it('keeps paragraphs inside a list item on separate lines of that item', () => {
    const [list] = walk('<ul><li><p>first para</p><p>second para</p></li></ul>');
    expect(kids(list)).toHaveLength(1);
    expect(canonicalText(documentOf([list!]))).toBe('first para\nsecond para');
  });

  it('reads a data table as one " | " paragraph per row, skipping empty cells', () => {
    expect(text('<table><caption>Trade</caption><tr><th>Quarter</th><th></th><th>USD m</th></tr><tr><td>Q2</td><td> </td><td>412</td></tr></table>')).toBe(
      'Trade\n\nQuarter | USD m\n\nQ2 | 412',
    );
  });

  it('reads a layout table (cells holding paragraphs) as ordinary blocks', () => {
    expect(text('<table><tr><td><h2>Story</h2><p>First paragraph.</p><p>Second paragraph.</p></td></tr></table>')).toBe(
      'Story\n\nFirst paragraph.\n\nSecond paragraph.',
    );
  });

  it('makes a figure’s image and caption readable paragraphs', () => {
    expect(text('<figure><img src="https://img.example/a.jpg" alt="Trucks at Torkham"><figcaption>Trucks waiting.</figcaption></figure>')).toBe(
      '[Image: Trucks at Torkham]\n\nTrucks waiting.',
    );
  });

  it('keeps a <pre> block’s spacing and line ends as line breaks', () => {
    const [pre] = walk('<pre>line one\n    indented\tand tab\nline three</pre>');
    expect(pre?.type).toBe('paragraph');
    expect(kids(pre).map((n) => n.type)).toEqual(['text', 'linebreak', 'text', 'tab', 'text', 'linebreak', 'text']);
    expect(canonicalText(documentOf([pre!]))).toBe('line one\n    indented\tand tab\nline three');
  });

  it('drops scripts, styles, frames, embeds, SVG, MathML, form controls, templates and hidden elements', () => {
    setSanitizerEnabledForTests(false);
    const html =
      '<p>kept</p><script>s()</script><style>p{}</style><iframe>f</iframe><object>o</object><embed><svg><text>svg</text></svg>' +
      '<math><mi>x</mi></math><form><input value="v"><button>Send</button><select><option>opt</option></select><textarea>ta</textarea>form text</form>' +
      '<noscript>ns</noscript><template><p>tpl</p></template><p hidden>hidden</p><p style="display: none">none</p><p>end</p>';
    expect(text(html)).toBe('kept\n\nform text\n\nend');
  });
});

describe('HTML to Lexical: inline', () => {
  it('collapses whitespace as a browser renders it, including no-break spaces and soft hyphens', () => {
    expect(text('<p>\n   Talks&nbsp;&nbsp;ended   <b> without </b>  agree\u00ADment.\n</p>')).toBe('Talks ended without agreement.');
  });

  it('sets text format bits for strong/b, em/i, u, s and code', () => {
    const nodes = kids(walk('<p><strong>b</strong><em>i</em><u>u</u><s>s</s><code>c</code><b><i>bi</i></b></p>')[0]);
    expect(nodes.map((n) => [n.text, n.format])).toEqual([
      ['b', TextFormat.bold],
      ['i', TextFormat.italic],
      ['u', TextFormat.underline],
      ['s', TextFormat.strikethrough],
      ['c', TextFormat.code],
      ['bi', TextFormat.bold | TextFormat.italic],
    ]);
  });

  it('turns <br> into line breaks, without leading or trailing ones', () => {
    const [p] = walk('<p><br>one<br>two <br><br></p>');
    expect(kids(p).map((n) => n.type)).toEqual(['text', 'linebreak', 'text']);
    expect(canonicalText(documentOf([p!]))).toBe('one\ntwo');
  });

  it('links only http, https and mailto, resolving relative links against the page URL', () => {
    const html = '<p><a href="/world/asia">rel</a> <a href="https://x.example/a">abs</a> <a href="mailto:desk@x.example">mail</a> <a href="ftp://x.example">ftp</a> <a href="#top">anchor</a></p>';
    const withBase = kids(walk(html, 'https://news.example/2025/story')[0]).filter((n) => n.type === 'link');
    expect(withBase.map((l) => l.url)).toEqual(['https://news.example/world/asia', 'https://x.example/a', 'mailto:desk@x.example']);
    const withoutBase = kids(walk(html)[0]).filter((n) => n.type === 'link');
    expect(withoutBase.map((l) => l.url)).toEqual(['https://x.example/a', 'mailto:desk@x.example']);
    expect(text(html)).toBe('rel abs mail ftp anchor');
  });

  it('keeps formatted text inside a link in the one link node', () => {
    const [link] = kids(walk('<p><a href="https://x.example/"><b>bold</b> plain</a></p>')[0]);
    expect(link).toMatchObject({ type: 'link', url: 'https://x.example/' });
    expect(kids(link).map((n) => [n.text, n.format])).toEqual([
      ['bold', TextFormat.bold],
      [' plain', 0],
    ]);
  });

  it('turns images into placeholders with the alt text and nothing else', () => {
    const nodes = kids(walk('<p>See <img src="https://img.example/x.png" alt=" Map of\n the border " title="t" width="10"></p>')[0]);
    expect(nodes[1]).toEqual({ type: 'image-placeholder', version: 1, altText: 'Map of the border' });
  });
});

describe('sanitize', () => {
  const dirty = '<div><p onclick="x()">text</p><script>s()</script><a href="javascript:x()">a</a><img src="x" onerror="y()"><iframe src="https://e.example"></iframe></div>';

  it('runs DOMPurify on jsdom: handlers, scripts, frames and javascript: URLs are removed in place', () => {
    const doc = parseHtml(dirty);
    sanitize(doc.body);
    const html = doc.body.innerHTML;
    expect(html).toContain('<p>text</p>');
    for (const gone of ['onclick', '<script', 'javascript:', 'onerror', '<iframe']) expect(html).not.toContain(gone);
  });

  it('can be switched off for tests only, leaving the DOM as parsed', () => {
    setSanitizerEnabledForTests(false);
    const doc = parseHtml(dirty);
    sanitize(doc.body);
    expect(doc.body.innerHTML).toContain('onclick');
  });
});

describe('withoutScriptBodies', () => {
  it('empties scripts and styles before parsing but keeps JSON-LD and everything else', () => {
    const html =
      '<head><script type="application/ld+json">{"headline":"H"}</script><script>var a = "</p>";</script><style>p{}</style></head>' +
      '<body><p title="<script>">kept</p><!-- <script> in a comment --><p>also kept</p><SCRIPT src=x>alert(1)</SCRIPT ><svg><path d="M0 0"/><text>label</text></svg><p>end</p></body>';
    const out = withoutScriptBodies(html);
    expect(out).toContain('{"headline":"H"}');
    expect(out).not.toContain('var a');
    expect(out).not.toContain('p{}');
    expect(out).not.toContain('alert(1)');
    expect(out).not.toContain('label');
    expect(out).toContain('<p title="<script>">kept</p><!-- <script> in a comment --><p>also kept</p>');
    expect(out).toContain('<p>end</p>');
  });

  it('leaves a page without scripts untouched, and an unclosed script as it was', () => {
    expect(withoutScriptBodies('<p>a < b</p>')).toBe('<p>a < b</p>');
    expect(withoutScriptBodies('<p>x</p><script>never closed')).toBe('<p>x</p><script>never closed');
  });
});
