// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { parseHtml } from './dom.ts';
import { cleanByline, documentMetadata, jsonLdMetadata, mergeMetadata, metaTagMetadata } from './metadata.ts';

const ld = (json: string): string => `<html><head><script type="application/ld+json">${json}</script></head><body></body></html>`;

describe('JSON-LD', () => {
  it('finds the article inside a WebPage’s mainEntity and reads plain-string fields', () => {
    const doc = parseHtml(
      ld('{"@context":"https://schema.org","@type":"WebPage","mainEntity":{"@type":["Article","NewsArticle"],"headline":"Q&amp;A on the border","author":"Farhan Siddiqui","publisher":"Daily Courier","datePublished":"2025-11-18","url":"https://dailycourier.example/qa","inLanguage":{"@type":"Language","name":"English","alternateName":"en"}}}'),
    );
    expect(jsonLdMetadata(doc)).toEqual({
      title: 'Q&A on the border',
      byline: 'Farhan Siddiqui',
      outlet: 'Daily Courier',
      url: 'https://dailycourier.example/qa',
      publishedAt: '2025-11-18',
      language: 'en',
      direction: null,
    });
  });

  it('ignores broken JSON-LD and JSON-LD that describes no article', () => {
    const doc = parseHtml(`${ld('{ broken json')}${ld('{"@type":"Organization","name":"Not an article"}')}`);
    expect(jsonLdMetadata(doc).title).toBeNull();
  });
});

describe('meta tags', () => {
  it('skips an author that is a URL and falls through to the next source', () => {
    const doc = parseHtml('<meta property="article:author" content="https://facebook.com/x"><meta name="author" content="By Amina Qureshi">');
    expect(metaTagMetadata(doc).byline).toBe('Amina Qureshi');
  });

  it('uses the canonical link when there is no og:url', () => {
    const doc = parseHtml('<link rel="canonical" href="https://news.example/a"><meta property="og:locale" content="ur_PK">');
    expect(metaTagMetadata(doc)).toMatchObject({ url: 'https://news.example/a', language: 'ur-PK' });
  });

  it('reads lang and dir from the document element', () => {
    expect(documentMetadata(parseHtml('<html lang="fa" dir="RTL"><title> A   title </title></html>'))).toMatchObject({ title: 'A title', language: 'fa', direction: 'rtl' });
  });
});

describe('merging and cleaning', () => {
  it('takes each field from the first layer that has it', () => {
    expect(mergeMetadata({ title: 'JSON-LD', byline: null }, { title: 'OG', byline: 'Meta author', outlet: '' }, { outlet: 'Readability' })).toMatchObject({
      title: 'JSON-LD',
      byline: 'Meta author',
      outlet: 'Readability',
    });
  });

  it('cleans bylines of prefixes, URLs and handles', () => {
    expect(cleanByline('  By   Amina Qureshi ')).toBe('Amina Qureshi');
    expect(cleanByline('تحریر: عائشہ خان')).toBe('عائشہ خان');
    expect(cleanByline('@frontierledger')).toBeNull();
    expect(cleanByline('https://x.example/author')).toBeNull();
  });
});
