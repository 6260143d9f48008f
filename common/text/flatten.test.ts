import { describe, expect, it } from 'vitest';
import { annotationQuote, canonicalText, documentOf, flattenDocument, heading, imagePlaceholder, lineBreak, link, list, listItem, paragraph, quote, textNode, TextFormat } from './document.ts';

describe('canonical text of a document', () => {
  it('joins blocks with a blank line and concatenates inline runs', () => {
    const doc = documentOf([
      heading('h1', [textNode('Talks in Tehran')]),
      paragraph([textNode('Iran offered '), textNode('mediation', TextFormat.bold), textNode(' on Monday.')]),
      quote([textNode('We are ready,'), lineBreak(), textNode('he said.')]),
    ]);
    expect(canonicalText(doc)).toBe('Talks in Tehran\n\nIran offered mediation on Monday.\n\nWe are ready,\nhe said.');
  });

  it('reads through links and skips empty paragraphs so they never move offsets', () => {
    const doc = documentOf([
      paragraph([textNode('See '), link('https://example.org', [textNode('the report')]), textNode('.')]),
      paragraph([]),
      paragraph([textNode('')]),
      paragraph([textNode('Next.')]),
    ]);
    expect(canonicalText(doc)).toBe('See the report.\n\nNext.');
  });

  it('gives each list item, nested ones included, its own block', () => {
    const doc = documentOf([
      list('bullet', [listItem([textNode('Qatar')]), listItem([list('bullet', [listItem([textNode('Doha talks')])])]), listItem([textNode('Turkey')])]),
    ]);
    expect(canonicalText(doc)).toBe('Qatar\n\nDoha talks\n\nTurkey');
  });

  it('stands an image in for its alt text', () => {
    const doc = documentOf([paragraph([textNode('Before '), imagePlaceholder('Tanks in Quetta'), textNode(' after')])]);
    expect(canonicalText(doc)).toBe('Before [Image: Tanks in Quetta] after');
  });

  it('records where each leaf node starts in the canonical text', () => {
    const doc = documentOf([paragraph([textNode('ab'), textNode('cd')]), paragraph([textNode('ef')])]);
    const { text, runs } = flattenDocument(doc);
    expect(runs.map((r) => [r.start, r.length, text.slice(r.start, r.start + r.length)])).toEqual([
      [0, 2, 'ab'],
      [2, 2, 'cd'],
      [6, 2, 'ef'],
    ]);
  });
});

describe('a highlight quoted in a notebook page', () => {
  it('is a block of its own whose text is the quote', () => {
    const doc = documentOf([
      paragraph([textNode('As reported:')]),
      annotationQuote({ annotationId: 7, articleId: 2, quote: 'Talks in Doha have faltered.', articleTitle: 'Pakistan Looks to Iran' }),
      paragraph([textNode('My note.')]),
    ]);
    expect(canonicalText(doc)).toBe('As reported:\n\nTalks in Doha have faltered.\n\nMy note.');
  });

  it('adds nothing when the quote is empty or missing, so it never moves offsets', () => {
    const doc = documentOf([
      paragraph([textNode('Before.')]),
      annotationQuote({ annotationId: 7, articleId: 2, quote: '', articleTitle: 'A' }),
      { type: 'annotation-quote', version: 1, annotationId: 8 },
      paragraph([textNode('After.')]),
    ]);
    expect(canonicalText(doc)).toBe('Before.\n\nAfter.');
  });

  it('records the quote as one run', () => {
    const quoted = annotationQuote({ annotationId: 7, articleId: 2, quote: 'Iran offered mediation.', articleTitle: 'A' });
    const { runs } = flattenDocument(documentOf([paragraph([textNode('ab')]), quoted]));
    expect(runs.map((r) => [r.node.type, r.start, r.length])).toEqual([
      ['text', 0, 2],
      ['annotation-quote', 4, 23],
    ]);
  });
});
