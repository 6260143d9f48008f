// Timing for re-anchoring (run: npx vitest bench --run common/anchoring). The tests check
// correctness on the same kind of generated article; timings live here, not in assertions.
import { readFileSync } from 'node:fs';
import { test } from 'vitest';
import { anchorAll, describe } from './anchoring.ts';
import type { TextSelector } from './anchoring.ts';

const SEEDS = new URL('../../seeds', import.meta.url).pathname;
const words = `${readFileSync(`${SEEDS}/pakistan-looks-to-iran.txt`, 'utf8')} ${readFileSync(`${SEEDS}/taliban-pakistan-rapprochement.txt`, 'utf8')}`
  .split(/\s+/)
  .filter(Boolean);

let state = 11;
const next = (): number => {
  state = (state * 1103515245 + 12345) % 2147483648;
  return state / 2147483648;
};

// A 20,000-word article (about 150k characters) with 1,000 highlights of 5 to 155 characters.
const parts: string[] = [];
for (let i = 0; i < 20000; i++) parts.push(words[Math.floor(next() * words.length)]!, i % 120 === 119 ? '\n\n' : ' ');
const text = parts.join('');
const selectors: TextSelector[] = [];
for (let i = 0; i < 1000; i++) {
  const start = Math.floor(next() * (text.length - 200));
  selectors.push(describe(text, start, start + 5 + Math.floor(next() * 150)));
}
const insertedAtTop = `An editor’s note was added.\n\n${text}`;
const chars = [...text];
for (let i = 0; i < chars.length; i += 97) chars[i] = '#';
const typosAndShift = `${'Preface. '.repeat(400)}${chars.join('')}`;
const unrelated = [...words].reverse().join(' ').repeat(50).slice(0, text.length);

test('anchorAll, 1,000 highlights on a 20,000-word article', async ({ bench }) => {
  await bench.compare(
    bench('unchanged text (the fast path; budget: well under 1 s)', () => {
      anchorAll(text, selectors);
    }),
    bench('a paragraph inserted at the top (every highlight moved)', () => {
      anchorAll(insertedAtTop, selectors);
    }),
    bench('a character replaced every 97 and a 3,600-character shift (two thirds fuzzy)', () => {
      anchorAll(typosAndShift, selectors);
    }),
    { iterations: 3, time: 0, warmup: false },
  );
});

test('anchorAll, worst case: an unrelated text, every highlight searched for and orphaned', async ({ bench }) => {
  await bench('1,000 orphans', () => {
    anchorAll(unrelated, selectors);
  }).run({ iterations: 1, time: 0, warmup: false });
}, 120_000);
