// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { storeArticle } from '../articles.ts';
import { fixture, tempLibrary } from '../../testing/temp.ts';
import { prepareCandidate } from './prepare.ts';
import { bodyJsonOf, originalBytesOf } from '../../db/repositories/articles.ts';
import { convertPlainText } from './text.ts';
import type { ImportCandidate } from './types.ts';

const CONTENT = 'Talks resume in Doha\n\nDelegations met on Tuesday, officials said.\n\nقطر میں مذاکرات دوبارہ شروع 🇶🇦';

function candidate(content = CONTENT, name = 'doha.txt'): ImportCandidate {
  const bytes = new TextEncoder().encode(content);
  return convertPlainText(content, { bytes, type: 'text/plain', name });
}

describe('preparing a candidate for storing (in the conversion worker)', () => {
  it('gives the hashes libraries already hold: SHA-256 of the canonical text and of the original bytes', () => {
    const prepared = prepareCandidate(candidate());
    expect(prepared.text).toBe('Delegations met on Tuesday, officials said.\n\nقطر میں مذاکرات دوبارہ شروع 🇶🇦');
    // Computed by storeArticle before the work moved to the workers: these must never change.
    expect(prepared.textSha256).toBe('a349f8204bc48f95508f4e00eea78f0e1e8006f3e56e73f2f623f591ddcf47e1');
    expect(prepared.original.sha256).toBe('f5708e76ce147be9b2c60be271d0b2b8193ebdd160bc0c34f679dbfe1c1d6e2c');
    // Stored compressed: the body against its text, the original alone; both read back whole.
    expect(JSON.parse(bodyJsonOf(prepared.storedBody, prepared.text))).toEqual(candidate().body);
    expect(originalBytesOf(prepared.original.stored, { sha256: prepared.original.sha256, size: prepared.original.bytes.byteLength }, 'doha.txt')).toEqual(
      Buffer.from(prepared.original.bytes),
    );
  });

  it('stores the same row whether prepared in a worker or on the storing thread', () => {
    const library = tempLibrary({ seed: false });
    const plain = storeArticle(library, candidate(), '2025-11-20T00:00:00.000Z');
    const row = (id: number) =>
      library.db
        .prepare('SELECT a.title, a.text, a.text_sha256, a.body, o.sha256, o.size, o.bytes FROM article a JOIN article_original o ON o.article_id = a.id WHERE a.id = ?')
        .get(id);
    const first = row(plain.id);
    fixture(library.db, () => library.db.prepare('DELETE FROM article').run());
    const prepared = storeArticle(library, prepareCandidate(candidate()), '2025-11-20T00:00:00.000Z');
    expect(prepared.duplicateOf).toBeNull();
    expect(row(prepared.id)).toEqual(first);
  });

  it('finds duplicates across the two: the same text, or the same original file', () => {
    const library = tempLibrary({ seed: false });
    const stored = storeArticle(library, candidate());
    expect(storeArticle(library, prepareCandidate(candidate()))).toMatchObject({ duplicateOf: stored.id });
    // Different bytes, same text (a trailing blank line): still the same article.
    expect(storeArticle(library, prepareCandidate(candidate(`${CONTENT}\n\n`, 'copy.txt')))).toMatchObject({ duplicateOf: stored.id });
  });

  it('refuses an article without readable text', () => {
    const library = tempLibrary({ seed: false });
    const empty = candidate();
    empty.body = { root: { ...empty.body.root, children: [] } };
    expect(() => storeArticle(library, prepareCandidate(empty))).toThrow(/no readable text/);
  });
});
