// @vitest-environment jsdom
// The reader maps selections to canonical offsets on the live editor tree; main maps
// stored offsets on the JSON. These tests hold the two walks to the same text and the
// same offsets, and check that drawing highlights as marks never moves a character.
import { createEditor, $getRoot, $isElementNode, type LexicalEditor, type LexicalNode } from 'lexical';
import { $isMarkNode } from '@lexical/mark';
import { afterEach, describe, expect, it } from 'vitest';
import {
  annotationQuote,
  canonicalText,
  documentOf,
  flattenDocument,
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
import { documentNodes } from '../editor/nodes.ts';
import seeds from './fixtures/seed-articles.json';
import { $readLiveText, domPointToOffset, offsetToDomPoint, readLiveText, selectionToRange } from './liveText.ts';
import { $drawMarks, type MarkSpan } from './marks.ts';
import { stripMarks, containsMarks } from './stripMarks.ts';

const seedDocs = (seeds as unknown as { articles: { title: string; body: SerializedDocument; text: string }[] }).articles;

const constructed: [string, SerializedDocument][] = [
  [
    'headings, formatting and quotes',
    documentOf([
      heading('h1', [textNode('Talks in Tehran')]),
      paragraph([textNode('Iran offered '), textNode('mediation', TextFormat.bold), textNode(' on '), textNode('Monday', TextFormat.italic | TextFormat.bold), textNode('.')]),
      quote([textNode('We are ready,'), lineBreak(), textNode('he said.')]),
    ]),
  ],
  [
    'links and empty paragraphs',
    documentOf([
      paragraph([textNode('See '), link('https://example.org', [textNode('the '), textNode('report', TextFormat.bold)]), textNode(' by DID Press.')]),
      paragraph([]),
      paragraph([textNode('')]),
      paragraph([textNode('Next paragraph.')]),
    ]),
  ],
  [
    'nested lists',
    documentOf([
      paragraph([textNode('Mediators:')]),
      list('bullet', [listItem([textNode('Qatar')]), listItem([list('number', [listItem([textNode('Doha talks')]), listItem([textNode('Istanbul talks')], 2)])]), listItem([textNode('Turkey')])]),
      paragraph([textNode('After the list.')]),
    ]),
  ],
  [
    'line breaks and image placeholders',
    documentOf([
      paragraph([textNode('Before '), imagePlaceholder('Tanks in Quetta'), textNode(' after'), lineBreak(), textNode('second line'), lineBreak(), imagePlaceholder('')]),
      paragraph([imagePlaceholder('A map'), textNode('Caption text.')]),
    ]),
  ],
  [
    'right-to-left text and characters outside the BMP',
    documentOf(
      [paragraph([textNode('پاکستان اور طالبان کے درمیان مذاکرات 🇵🇰 ناکام ہو گئے۔')]), paragraph([textNode('𝔘𝔫𝔦𝔠𝔬𝔡𝔢 and emoji 👍🏽 here.')])],
      'rtl',
    ),
  ],
  [
    'a notebook page quoting highlights',
    documentOf([
      paragraph([textNode('As reported:')]),
      annotationQuote({ annotationId: 7, articleId: 2, quote: 'Previous attempts have faltered.', articleTitle: 'Pakistan Looks to Iran' }),
      paragraph([textNode('My own note.')]),
    ]),
  ],
];

const allDocs: [string, SerializedDocument][] = [...seedDocs.map((s): [string, SerializedDocument] => [`seed: ${s.title}`, s.body]), ...constructed];

let editors: LexicalEditor[] = [];
afterEach(() => {
  for (const editor of editors) editor.setRootElement(null);
  editors = [];
  document.body.innerHTML = '';
});

function editorFor(doc: SerializedDocument, withDom = false): LexicalEditor {
  const editor = createEditor({
    namespace: 'test',
    nodes: [...documentNodes],
    editable: false,
    onError: (error) => {
      throw error;
    },
  });
  if (withDom) {
    const root = document.createElement('div');
    document.body.append(root);
    editor.setRootElement(root);
  }
  editor.setEditorState(editor.parseEditorState(JSON.stringify(doc)));
  editors.push(editor);
  return editor;
}

/** A small deterministic PRNG, so failures reproduce. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function randomSpans(text: string, count: number, seed: number): MarkSpan[] {
  const next = random(seed);
  const spans: MarkSpan[] = [];
  for (let i = 0; i < count; i++) {
    const start = Math.floor(next() * (text.length - 1));
    const end = Math.min(text.length, start + 1 + Math.floor(next() * 120));
    spans.push({ id: String(i + 1), start, end });
  }
  return spans;
}

function markIdsOf(node: LexicalNode): string[] {
  const ids: string[] = [];
  for (let parent = node.getParent(); parent; parent = parent.getParent()) if ($isMarkNode(parent)) ids.push(...parent.getIDs());
  return ids;
}

describe('the live editor flattens exactly as main flattens the stored JSON', () => {
  it.each(allDocs)('%s: same text, same runs', (_name, doc) => {
    const expected = flattenDocument(doc);
    const live = readLiveText(editorFor(doc));
    expect(live.text).toBe(expected.text);
    expect(live.runs.map((r) => [r.start, r.length])).toEqual(expected.runs.map((r) => [r.start, r.length]));
  });

  it('matches the canonical text main stored for the seed articles', () => {
    for (const seed of seedDocs) {
      expect(readLiveText(editorFor(seed.body)).text).toBe(seed.text);
      expect(canonicalText(seed.body)).toBe(seed.text);
    }
  });
});

describe('drawing highlights as marks', () => {
  it.each(allDocs)('%s: marks cover exactly their ranges and change no character', (_name, doc) => {
    const editor = editorFor(doc);
    const text = canonicalText(doc);
    const spans = randomSpans(text, 40, text.length);
    editor.update(() => $drawMarks(spans, 'all'), { discrete: true });

    const covered = new Map<string, Set<number>>();
    const inRuns = new Set<number>();
    const opaque: { start: number; end: number }[] = [];
    editor.getEditorState().read(() => {
      const live = $readLiveText();
      expect(live.text).toBe(text);
      const visit = (node: LexicalNode) => {
        if ($isElementNode(node)) node.getChildren().forEach(visit);
      };
      visit($getRoot());
      for (const run of live.runs) {
        const node = editor.getEditorState()._nodeMap.get(run.key)!;
        if (run.role === 'linebreak' || run.role === 'opaque-block') continue;
        if (run.role === 'opaque') opaque.push({ start: run.start, end: run.start + run.length });
        for (let i = run.start; i < run.start + run.length; i++) inRuns.add(i);
        for (const id of markIdsOf(node)) {
          let set = covered.get(id);
          if (!set) covered.set(id, (set = new Set()));
          for (let i = run.start; i < run.start + run.length; i++) set.add(i);
        }
      }
    });
    for (const span of spans) {
      const expected = new Set<number>();
      for (let i = span.start; i < span.end; i++) if (inRuns.has(i)) expected.add(i);
      const got = covered.get(span.id) ?? new Set<number>();
      const extra = [...got].filter((i) => !expected.has(i));
      const missing = [...expected].filter((i) => !got.has(i));
      expect(missing).toEqual([]);
      // Only an image placeholder the range touches may be marked beyond it: it is marked whole.
      for (const i of extra) {
        expect(opaque.some((r) => r.start <= i && i < r.end && r.start < span.end && r.end > span.start)).toBe(true);
      }
    }
  });

  it('redraws only what changed, and removing every highlight leaves the original text and tree', () => {
    const doc = seedDocs[0]!.body;
    const editor = editorFor(doc);
    const text = canonicalText(doc);
    const spans = randomSpans(text, 60, 7);
    editor.update(() => $drawMarks(spans, 'all'), { discrete: true });
    const fewer = spans.slice(0, 30);
    let redrawn = { blocks: 0, marks: 0 };
    editor.update(() => {
      redrawn = $drawMarks(fewer, spans.slice(30));
    }, { discrete: true });
    expect(redrawn.blocks).toBeGreaterThan(0);
    editor.update(() => $drawMarks([], 'all'), { discrete: true });
    const json = editor.getEditorState().toJSON() as unknown as SerializedDocument;
    expect(containsMarks(json)).toBe(false);
    expect(canonicalText(json)).toBe(text);
  });

  it('keeps an actor inside a claim as two highlights: inner pieces carry both ids, innermost first', () => {
    const doc = seedDocs.find((s) => s.title.startsWith('Taliban'))!.body;
    const text = canonicalText(doc);
    const claimText = 'Pakistan accuses the Taliban of supporting or tolerating Tehrik-i-Taliban Pakistan (TTP) activities';
    const claimStart = text.indexOf(claimText);
    const actorStart = text.indexOf('Taliban', claimStart + 10);
    const editor = editorFor(doc);
    editor.update(
      () =>
        $drawMarks(
          [
            { id: '10', start: claimStart, end: claimStart + claimText.length },
            { id: '11', start: actorStart, end: actorStart + 'Taliban'.length },
          ],
          'all',
        ),
      { discrete: true },
    );
    const marks = editor.getEditorState().read(() => {
      const found: { ids: string[]; text: string }[] = [];
      const visit = (node: LexicalNode) => {
        if ($isMarkNode(node)) found.push({ ids: node.getIDs(), text: node.getTextContent() });
        if ($isElementNode(node)) node.getChildren().forEach(visit);
      };
      visit($getRoot());
      return found;
    });
    expect(marks).toEqual([
      { ids: ['10'], text: 'Pakistan accuses the ' },
      { ids: ['11', '10'], text: 'Taliban' },
      { ids: ['10'], text: ' of supporting or tolerating Tehrik-i-Taliban Pakistan (TTP) activities' },
    ]);
  });

  it('never saves marks: stripping them gives back the stored body', () => {
    const doc = seedDocs[1]!.body;
    const editor = editorFor(doc);
    editor.update(() => $drawMarks(randomSpans(canonicalText(doc), 25, 3), 'all'), { discrete: true });
    const json = editor.getEditorState().toJSON() as unknown as SerializedDocument;
    expect(containsMarks(json)).toBe(true);
    const stripped = stripMarks(json);
    expect(containsMarks(stripped)).toBe(false);
    expect(canonicalText(stripped)).toBe(canonicalText(doc));
  });
});

describe('DOM points and canonical offsets', () => {
  it.each(allDocs)('%s: every offset inside a text run maps to the DOM and back', (_name, doc) => {
    const editor = editorFor(doc, true);
    editor.update(() => $drawMarks(randomSpans(canonicalText(doc), 15, 11), 'all'), { discrete: true });
    const live = readLiveText(editor);
    for (const run of live.runs) {
      if (run.role !== 'text') continue;
      for (let offset = run.start; offset < run.start + run.length; offset += Math.max(1, Math.floor(run.length / 7))) {
        const point = offsetToDomPoint(editor, live, offset, 'start');
        expect(point).not.toBeNull();
        expect(domPointToOffset(editor, live, point!.node, point!.offset)).toBe(offset);
      }
    }
  });

  it('maps a DOM selection of words to the range main would compute for the same quote', () => {
    const seed = seedDocs.find((s) => s.title.startsWith('Taliban'))!;
    const editor = editorFor(seed.body, true);
    const live = readLiveText(editor);
    for (const words of ['Sirajuddin Haqqani', 'DID Press', 'Pakistan accuses the Taliban of supporting or tolerating Tehrik-i-Taliban Pakistan (TTP) activities']) {
      const start = seed.text.indexOf(words);
      const from = offsetToDomPoint(editor, live, start, 'start')!;
      const to = offsetToDomPoint(editor, live, start + words.length, 'end')!;
      const selection = window.getSelection()!;
      selection.setBaseAndExtent(from.node, from.offset, to.node, to.offset);
      expect(selectionToRange(editor, live, selection)).toEqual({ start, end: start + words.length });
    }
  });

  it('trims whitespace and the gap between paragraphs from a selection', () => {
    const seed = seedDocs.find((s) => s.title.startsWith('Taliban'))!;
    const editor = editorFor(seed.body, true);
    const live = readLiveText(editor);
    const root = editor.getRootElement()!;
    // From the start of the second paragraph element to the start of the third: the whole second paragraph.
    const paragraphs = root.querySelectorAll('p');
    const selection = window.getSelection()!;
    selection.setBaseAndExtent(paragraphs[1]!, 0, paragraphs[2]!, 0);
    const range = selectionToRange(editor, live, selection)!;
    expect(seed.text.slice(range.start, range.end)).toBe(paragraphs[1]!.textContent);
  });
});
