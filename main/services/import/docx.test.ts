// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { TextFormat } from '../../../common/text/document.ts';
import { convertFile } from './convert.ts';
import { expectImportFailure, nodesOf, textOf } from '../../testing/fixtures/import/helpers.ts';
import { makeDocx } from '../../testing/fixtures/import/make-docx.ts';
import { makeZip } from '../../testing/fixtures/import/make-zip.ts';

describe('DOCX import', () => {
  const doc = makeDocx([
    { kind: 'heading', level: 1, text: 'Field Notes from Torkham' },
    { kind: 'paragraph', runs: ['Traders said the crossing had been ', { text: 'closed for two weeks', bold: true }, ', according to ', { text: 'the ministry', link: 'https://mofa.example/statement' }, '.'] },
    { kind: 'heading', level: 2, text: 'Demands' },
    { kind: 'bullet', text: 'Reopen the crossing' },
    { kind: 'bullet', text: 'Joint monitoring', level: 0 },
    { kind: 'bullet', text: 'With third-country observers', level: 1 },
    { kind: 'paragraph', runs: [{ text: 'A bad link', link: 'javascript:alert(1)' }, ' stays text.'] },
  ]);

  it('takes the title from the first heading and keeps it out of the body', async () => {
    const c = await convertFile(doc, 'notes.docx');
    expect(c.metadata.title).toBe('Field Notes from Torkham');
    expect(textOf(c).startsWith('Traders said the crossing')).toBe(true);
    expect(c.original).toMatchObject({ type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', name: 'notes.docx' });
  });

  it('converts headings, formatting, links and nested lists through the shared HTML walker', async () => {
    const c = await convertFile(doc, 'notes.docx');
    expect(textOf(c)).toBe(
      'Traders said the crossing had been closed for two weeks, according to the ministry.\n\nDemands\n\nReopen the crossing\n\nJoint monitoring\n\nWith third-country observers\n\nA bad link stays text.',
    );
    const nodes = nodesOf(c);
    expect(nodes.find((n) => n.text === 'closed for two weeks')).toMatchObject({ format: TextFormat.bold });
    expect(nodes.filter((n) => n.type === 'link').map((l) => l.url)).toEqual(['https://mofa.example/statement']);
    expect(nodes.find((n) => n.type === 'heading')).toMatchObject({ tag: 'h2' });
    expect(nodes.filter((n) => n.type === 'list')).toHaveLength(2);
    expect(JSON.stringify(c.body)).not.toContain('javascript');
  });

  it('uses the title and author from docProps/core.xml when the document has no heading', async () => {
    const titled = makeDocx([{ kind: 'paragraph', runs: ['Body of a memo that starts straight away.'] }], { title: 'Core Title &amp; More', creator: 'Laila Rahimi' });
    const c = await convertFile(titled, 't.docx');
    expect(c.metadata).toMatchObject({ title: 'Core Title & More', byline: 'Laila Rahimi' });
    expect(textOf(c)).toBe('Body of a memo that starts straight away.');
  });

  it('prefers the first heading to a stale core title, and keeps the heading out of the body', async () => {
    const doc = makeDocx([{ kind: 'heading', level: 1, text: 'Real Heading' }, { kind: 'paragraph', runs: ['Body.'] }], { title: 'Template Title' });
    const c = await convertFile(doc, 't.docx');
    expect(c.metadata.title).toBe('Real Heading');
    expect(textOf(c)).toBe('Body.');
  });

  it('takes a short first line as the title when there is no heading or core title', async () => {
    const doc = makeDocx([{ kind: 'paragraph', runs: ['Meeting Notes, 20 November'] }, { kind: 'paragraph', runs: ['We met the delegation.'] }]);
    const c = await convertFile(doc, 'm.docx');
    expect(c.metadata.title).toBe('Meeting Notes, 20 November');
    expect(textOf(c)).toBe('We met the delegation.');
  });

  it('detects right-to-left Urdu in a Word document', async () => {
    const urdu = makeDocx([{ kind: 'paragraph', runs: ['اسلام آباد میں وزارت خارجہ کے ترجمان نے کہا ہے کہ پاکستان مذاکرات کے لیے تیار ہے۔'] }]);
    expect((await convertFile(urdu, 'u.docx')).metadata).toMatchObject({ direction: 'rtl', language: 'ur' });
  });

  it('refuses files that are not Word documents, old .doc files and empty documents', async () => {
    await expectImportFailure(convertFile(new TextEncoder().encode('plain text, not a zip'), 'fake.docx'), 'fake.docx is not a Word document (.docx); the file is damaged or of another type.');
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    await expectImportFailure(convertFile(ole, 'old.docx'), /^old\.docx is an old-format Word document \(\.doc\) or is password-protected/);
    await expectImportFailure(convertFile(makeZip({ 'hello.txt': 'not word' }), 'zip.docx'), 'zip.docx could not be read as a Word document (.docx); it may be damaged.');
    await expectImportFailure(convertFile(makeDocx([]), 'blank.docx'), 'blank.docx has no text in it.');
  });
});
