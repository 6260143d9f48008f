// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { parseHtml } from './dom.ts';
import { copyIntoJsdom, parsePage } from './page.ts';

const page = (head: string, body: string): string => `<!DOCTYPE html>\n<html lang="en">\n<head>${head}</head>\n<body>${body}</body>\n</html>\n`;

describe('parsePage: the page on linkedom', () => {
  it('reads a regular page, attribute names lower-cased as a browser would (the first spelling wins)', () => {
    const doc = parsePage(page('<META PROPERTY="og:title" CONTENT="Up">', '<P CLASS="lead">Hi <A HREF="https://x.example/" href="https://y.example/">there</A></P>'));
    expect(doc).not.toBeNull();
    expect(doc!.getElementsByTagName('meta')[0]!.getAttribute('content')).toBe('Up');
    expect(doc!.getElementsByTagName('p')[0]!.getAttribute('class')).toBe('lead');
    expect(doc!.getElementsByTagName('a')[0]!.getAttribute('href')).toBe('https://x.example/');
  });

  it('leaves a template’s content out of the document, as a browser does', () => {
    const doc = parsePage(page('<template><script type="application/ld+json">{"@type":"NewsArticle"}</script></template>', '<template><p>Hidden text</p></template><p>Shown</p>'))!;
    expect(doc.getElementsByTagName('script').length).toBe(0);
    expect(doc.body.textContent).toBe('Shown');
  });

  it('gives document.title as a browser does: whitespace stripped and collapsed', () => {
    expect(parsePage(page('<title>\n  GCC 12 Release Series\n- GNU Project </title>', '<p>x</p>'))!.title).toBe('GCC 12 Release Series - GNU Project');
    expect(parsePage(page('', '<p>x</p>'))!.title).toBe('');
  });

  // Each of these a browser builds differently from how it is written: jsdom reads them.
  const irregular: Record<string, string> = {
    'no <html>': '<p>Just a fragment</p>',
    'text before <html>': `text ${page('', '<p>x</p>')}`,
    'an element after </html>': `${page('', '<p>x</p>')}<script>x()</script>`,
    'no <head>': '<html><body><p>x</p></body></html>',
    'body content in <head>': page('<title>t</title><div>oops</div>', '<p>x</p>'),
    'an image in a <noscript> in <head>': page('<noscript><img src="x"></noscript>', '<p>x</p>'),
    'a frameset': '<html><head></head><frameset><frame src="x"></frameset></html>',
    'a <body> inside the body': page('', '<p>x</p><body onload="x()"><p>y</p>'),
    'text straight inside a table': page('', '<table>stray<tr><td>c</td></tr></table>'),
    'a paragraph straight inside a table row': page('', '<table><tr><p>moved</p><td>c</td></tr></table>'),
    'a cell straight inside a table': page('', '<table><td>c</td></table>'),
    '<image>, which a browser renames <img>': page('', '<p>x <image src="x"> y</p>'),
    '<plaintext>': page('', '<p>x</p><plaintext><p>y</p>'),
    'a CDATA section in HTML': page('', '<p>1<![CDATA[><img src=x>]]>2</p>'),
    'a comment a browser ends at "--!>"': page('', '<p>7<!-- a --!> b -->8</p>'),
    'markup inside raw text (iframe)': page('', '<iframe><p>not markup to a browser</p></iframe>'),
    'an unclosed <svg> a browser leaves at <p>': page('', '<svg><circle r="1"></circle><p>after</p>'),
    'a heading left open by a mismatched end tag': page('', '<h5>(1)</h3><p>Footnote text.</p>'),
  };
  for (const [what, html] of Object.entries(irregular)) {
    it(`leaves to jsdom a page with ${what}`, () => {
      expect(parsePage(html)).toBeNull();
    });
  }

  it('takes ordinary pages: tables with sections, closed svg icons, head scripts and JSON-LD, comments', () => {
    const html = page(
      '<meta charset="utf-8"><title>T</title><link rel="canonical" href="https://x.example/a"><script type="application/ld+json">{"@type":"NewsArticle"}</script><script></script><style></style><noscript><link rel="stylesheet" href="x.css"></noscript>',
      '<!-- banner --><nav><a href="/">Home</a></nav><article><h1>T <small>sub</small></h1><p>Text <svg></svg> more.</p><table><caption>c</caption><thead><tr><th>a</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table></article>',
    );
    expect(parsePage(html)).not.toBeNull();
  });
});

describe('copyIntoJsdom', () => {
  it('copies elements, attributes and text in order, without comments', () => {
    const doc = parsePage(page('', '<div id="a"><p class="x">One <b>two</b><!-- c --> three</p><ul><li>i</li><li>ii</li></ul><a href="https://x.example/" title="t">link</a></div>'))!;
    const root = copyIntoJsdom(doc.getElementsByTagName('div')[0]!, parseHtml(''));
    expect(root.localName).toBe('div');
    expect(root.isConnected).toBe(false);
    expect(root.innerHTML).toBe('<div id="a"><p class="x">One <b>two</b> three</p><ul><li>i</li><li>ii</li></ul><a href="https://x.example/" title="t">link</a></div>');
  });

  it('makes jsdom elements (so DOMPurify and the walker get a real DOM: table rows, cells)', () => {
    const doc = parsePage(page('', '<table><tr><td>1</td><td>2</td></tr></table>'))!;
    const root = copyIntoJsdom(doc.getElementsByTagName('table')[0]!, parseHtml(''));
    const table = root.firstChild as HTMLTableElement;
    expect(table.rows.length).toBe(1);
    expect(table.rows[0]!.cells.length).toBe(2);
  });

  it('keeps the content of an element whose name jsdom will not create', () => {
    const target = parseHtml('');
    const source = parsePage(page('', '<div><p>a</p></div>'))!.getElementsByTagName('div')[0]!;
    // An element name no DOM method accepts (a parser can still produce one).
    const odd = source.ownerDocument.createElement('x');
    Object.defineProperty(odd, 'localName', { value: 'a"b' });
    odd.appendChild(source.ownerDocument.createTextNode('kept'));
    source.appendChild(odd);
    expect(copyIntoJsdom(source, target).textContent).toBe('akept');
  });

  it('copies a deep tree', () => {
    const depth = 3_000;
    const doc = parsePage(page('', `${'<div>'.repeat(depth)}deep${'</div>'.repeat(depth)}`))!;
    const root = copyIntoJsdom(doc.body, parseHtml(''));
    expect(root.textContent).toBe('deep');
  });
});
