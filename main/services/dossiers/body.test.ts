import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import {
  canonicalText,
  documentOf,
  heading,
  imagePlaceholder,
  lineBreak,
  link,
  list,
  listItem,
  paragraph,
  quote,
  textNode,
  TextFormat,
  type SerializedDocument,
} from '../../../common/text/document.ts';
import type { AnnotationKind } from '../../../common/api/methods/annotations.ts';
import { renderBodyHtml, type BodyMark } from './body.ts';

function parse(html: string): Document {
  // Parsing as HTML then serializing back must not move anything: the markup was well formed.
  const dom = new JSDOM(`<!DOCTYPE html><body><div id="root">${html}</div></body>`);
  const root = dom.window.document.getElementById('root')!;
  // (The serializer writes quotes in text literally; everything else must come back as it was.)
  expect(root.innerHTML).toBe(html.replace(/&quot;/g, '"').replace(/&#39;/g, "'"));
  return dom.window.document;
}

function mark(number: number, doc: SerializedDocument, quoteText: string, kind: AnnotationKind = 'claim', occurrence = 1): BodyMark {
  const text = canonicalText(doc);
  let start = -1;
  for (let i = 0; i < occurrence; i += 1) start = text.indexOf(quoteText, start + 1);
  if (start < 0) throw new Error(`"${quoteText}" is not in the text`);
  return { number, anchor: `h${number}`, kind, start, end: start + quoteText.length };
}

describe('article bodies with highlights', () => {
  const doc = documentOf([
    heading('h1', [textNode('A heading')]),
    paragraph([textNode('Alpha beta '), textNode('gamma', TextFormat.bold), textNode(' delta epsilon.')]),
    paragraph([textNode('Zeta eta theta.')]),
  ]);

  it('wraps a highlight across formatted text nodes and numbers it after its last character', () => {
    const html = renderBodyHtml(doc, [mark(1, doc, 'beta gamma delta')]).html;
    const d = parse(html);
    expect(d.querySelector('p')!.textContent).toBe('Alpha beta gamma delta[1] epsilon.');
    expect([...d.querySelectorAll('mark.hl-claim')].map((m) => m.textContent).join('')).toBe('beta gamma delta');
    expect(d.querySelector('strong mark')!.textContent).toBe('gamma');
    expect(d.querySelector('sup.ref')!.textContent).toBe('[1]');
    expect(d.querySelectorAll('[id="h1"]')).toHaveLength(1);
  });

  it('nests contained highlights, splits partly overlapping ones, and keeps every number', () => {
    const marks = [mark(1, doc, 'Alpha beta gamma delta'), mark(2, doc, 'beta', 'actor'), mark(3, doc, 'gamma delta epsilon', 'source')];
    const html = renderBodyHtml(doc, marks).html;
    const d = parse(html);
    const text = d.querySelector('p')!.textContent;
    expect(text).toBe('Alpha beta[2] gamma delta[1] epsilon[3].');
    // "beta" is inside the claim and the actor highlight: an actor mark within a claim mark.
    const beta = [...d.querySelectorAll('mark.hl-actor')];
    expect(beta.map((m) => m.textContent)).toEqual(['beta']);
    expect(beta[0]!.parentElement!.classList.contains('hl-claim')).toBe(true);
    // The overlap "gamma delta" is inside both claim and source marks.
    const sources = [...d.querySelectorAll('mark.hl-source')].map((m) => m.textContent).join('');
    // The claim's number [1] sits inside the source highlight that continues past it.
    expect(sources).toBe('gamma delta[1] epsilon');
    const claims = [...d.querySelectorAll('mark.hl-claim')].map((m) => m.textContent).join('');
    expect(claims).toBe('Alpha beta[2] gamma delta');
    // Label [2] sits inside the claim that continues past it.
    expect(d.querySelector('sup.ref-actor')!.closest('mark')!.classList.contains('hl-claim')).toBe(true);
    for (const n of [1, 2, 3]) expect(d.querySelectorAll(`#h${n}`)).toHaveLength(1);
  });

  it('carries a highlight across paragraphs and a line break', () => {
    const twoLines = documentOf([paragraph([textNode('first line'), lineBreak(), textNode('second line')]), paragraph([textNode('next paragraph')])]);
    const html = renderBodyHtml(twoLines, [mark(7, twoLines, 'line\nsecond line\n\nnext')]).html;
    const d = parse(html);
    const pieces = [...d.querySelectorAll('mark')].map((m) => m.textContent);
    expect(pieces).toEqual(['line', 'second line', 'next']);
    expect(d.querySelectorAll('p')[1]!.textContent).toBe('next[7] paragraph');
  });

  it('renders headings (one level down), quotes, lists, links with their address, and image placeholders, highlighted where asked', () => {
    const rich = documentOf([
      heading('h2', [textNode('Section')]),
      quote([textNode('A quoted line.')]),
      list('number', [listItem([textNode('one')]), listItem([textNode('two')])], 3),
      paragraph([textNode('See '), link('https://example.org/x', [textNode('the report')]), textNode(' and '), link('javascript:alert(1)', [textNode('this')]), textNode('.')]),
      paragraph([imagePlaceholder('A map'), textNode(' caption')]),
      paragraph([]),
    ]);
    const html = renderBodyHtml(rich, [mark(1, rich, 'the report'), mark(2, rich, '[Image: A map]', 'highlight'), mark(3, rich, 'two', 'actor')], { headingOffset: 1 }).html;
    const d = parse(html);
    expect(d.querySelector('h3')!.textContent).toBe('Section');
    expect(d.querySelector('blockquote')!.textContent).toBe('A quoted line.');
    expect(d.querySelector('ol')!.getAttribute('start')).toBe('3');
    expect(d.querySelector('li:nth-child(2)')!.textContent).toBe('two[3]');
    const a = d.querySelector('a.link')!;
    expect(a.getAttribute('href')).toBe('https://example.org/x');
    expect(a.textContent).toBe('the report[1]');
    expect(d.querySelector('.link-url')!.textContent).toBe(' (https://example.org/x)');
    expect(d.querySelectorAll('a')).toHaveLength(1); // the javascript: link is text only
    expect(html).not.toContain('javascript:alert(1)"');
    expect(d.querySelector('.image-ph mark.hl-highlight')!.textContent).toBe('[Image: A map]');
    expect(d.querySelectorAll('p')).toHaveLength(2); // the empty paragraph is left out, as in the canonical text
  });

  it('reports highlights it cannot place and escapes article text', () => {
    const hostile = documentOf([paragraph([textNode('<script>alert(1)</script> & "x"')])]);
    const { html, unplaced } = renderBodyHtml(hostile, [
      { number: 1, anchor: 'h1', kind: 'claim', start: 5, end: 500 },
      { number: 2, anchor: 'h2', kind: 'claim', start: 0, end: 8 },
    ]);
    const d = parse(html);
    expect(unplaced).toEqual([1]);
    expect(d.querySelectorAll('script')).toHaveLength(0);
    expect(d.querySelector('p')!.textContent).toBe('<script>[2]alert(1)</script> & "x"');
  });

  it('puts numbers after the last visible character when a highlight ends in a block separator', () => {
    const blocks = documentOf([paragraph([textNode('one two')]), paragraph([textNode('three')])]);
    const text = canonicalText(blocks);
    const html = renderBodyHtml(blocks, [{ number: 4, anchor: 'h4', kind: 'claim', start: text.indexOf('two'), end: text.indexOf('three') - 1 }]).html;
    expect(parse(html).querySelector('p')!.textContent).toBe('one two[4]');
  });

  it('handles thousands of highlights on a long text quickly', () => {
    const paragraphs = Array.from({ length: 300 }, (_, i) => paragraph([textNode(`Paragraph ${i} `), textNode('with bold words', TextFormat.bold), textNode(` and more text number ${i}.`)]));
    const big = documentOf(paragraphs);
    const text = canonicalText(big);
    const marks: BodyMark[] = [];
    for (let i = 0; i < 3000; i += 1) {
      // Spread over the text, overlapping each other often.
      const start = (i * 97) % (text.length - 40);
      marks.push({ number: i + 1, anchor: `h${i + 1}`, kind: (['claim', 'actor', 'source', 'highlight'] as const)[i % 4]!, start, end: start + 5 + (i % 30) });
    }
    const started = performance.now();
    const { html, unplaced } = renderBodyHtml(big, marks);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(unplaced).toEqual([]);
    expect(parse(html).querySelectorAll('sup.ref')).toHaveLength(3000);
  });
});
