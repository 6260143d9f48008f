// @vitest-environment node
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { convertFile } from './convert.ts';
import { expectImportFailure, textOf } from '../../testing/fixtures/import/helpers.ts';
import { layoutLines, makePdf } from '../../testing/fixtures/import/make-pdf.ts';

describe('PDF import', () => {
  const report = makePdf(
    [
      [
        { text: 'Annual Report on Border Security', y: 740, size: 18 },
        ...layoutLines(['The first paragraph starts on this line and', 'continues on the next one without a gap.', '', 'A second paragraph after a wider gap.'], 11, 700),
      ],
      layoutLines(['Text on page two, which must be marked as such.']),
      [],
      layoutLines(['Page four after an empty page.']),
    ],
    { title: 'Border Security Report 2025', author: 'Laila Rahimi' },
  );

  it('takes title and author from the PDF metadata', async () => {
    const c = await convertFile(report, 'report.pdf');
    expect(c.metadata).toEqual({
      title: 'Border Security Report 2025',
      byline: 'Laila Rahimi',
      outlet: null,
      url: null,
      publishedAt: null,
      language: null,
      direction: 'ltr',
    });
    expect(c.original).toMatchObject({ type: 'application/pdf', name: 'report.pdf' });
  });

  it('groups lines into paragraphs by the gaps between them and marks every page', async () => {
    expect(textOf(await convertFile(report, 'report.pdf'))).toBe(
      [
        '[Page 1]',
        'Annual Report on Border Security',
        'The first paragraph starts on this line and continues on the next one without a gap.',
        'A second paragraph after a wider gap.',
        '[Page 2]',
        'Text on page two, which must be marked as such.',
        '[Page 3]',
        '[Page 4]',
        'Page four after an empty page.',
      ].join('\n\n'),
    );
  });

  it('leaves the original bytes untouched (pdf.js gets a copy)', async () => {
    const bytes = makePdf([layoutLines(['Evidence must stay intact.'])]);
    const before = Buffer.from(bytes).toString('hex');
    const c = await convertFile(bytes, 'e.pdf');
    expect(c.original.bytes).toBe(bytes);
    expect(Buffer.from(c.original.bytes).toString('hex')).toBe(before);
  });

  it('uses the first line as the title when the metadata has none, or only a file name', async () => {
    const untitled = makePdf([layoutLines(['Ceasefire Monitoring Notes', '', 'Body text follows here.'])]);
    expect((await convertFile(untitled, 'notes.pdf')).metadata.title).toBe('Ceasefire Monitoring Notes');
    const wordExport = makePdf([layoutLines(['Field Report', '', 'Body.'])], { title: 'Microsoft Word - draft_v3.docx' });
    expect((await convertFile(wordExport, 'draft.pdf')).metadata.title).toBe('Field Report');
  });

  it('keeps a line-end hyphen but joins the word without a space', async () => {
    const pdf = makePdf([layoutLines(['A well-known recon-', 'struction effort began.'])]);
    expect(textOf(await convertFile(pdf, 'h.pdf'))).toBe('[Page 1]\n\nA well-known recon-struction effort began.');
  });

  it('refuses a scanned PDF with no text layer', async () => {
    const scanned = makePdf([[], []], { imageOnly: true });
    await expectImportFailure(convertFile(scanned, 'scan.pdf'), 'scan.pdf has no text layer (scanned PDF); Casefile does not do OCR.');
  });

  it('refuses a password-protected PDF', async () => {
    const locked = makePdf([layoutLines(['Secret.'])], { encrypted: true });
    await expectImportFailure(convertFile(locked, 'locked.pdf'), 'locked.pdf is password-protected; remove the password and import it again.');
  });

  it('refuses a damaged PDF and a file that is not a PDF at all', async () => {
    await expectImportFailure(convertFile(new TextEncoder().encode('%PDF-1.7\nthis is not really a pdf\n%%EOF'), 'broken.pdf'), 'broken.pdf is not a valid PDF; the file is damaged or of another type.');
    const truncated = makePdf([layoutLines(['Cut short.'])]).slice(0, 60);
    await expectImportFailure(convertFile(truncated, 'truncated.pdf'), 'truncated.pdf is not a valid PDF; the file is damaged or of another type.');
    await expectImportFailure(convertFile(new TextEncoder().encode('<html>not a pdf</html>'), 'page.pdf'), 'page.pdf is not a PDF file; it does not start with a PDF header.');
  });

  it('leaves running heads and page numbers of a real 17-page specification out of the text, keeping the page markers', async () => {
    const bytes = new Uint8Array(fs.readFileSync(new URL('../../testing/fixtures/import/pdf/shared-mime-info-spec.pdf', import.meta.url)));
    const c = await convertFile(bytes, 'shared-mime-info-spec.pdf');
    const paragraphs = textOf(c).split('\n\n');
    expect(paragraphs.filter((p) => /^\[Page \d+\]$/.test(p))).toEqual(Array.from({ length: 17 }, (_, i) => `[Page ${i + 1}]`));
    // The title on page 1 stays; the head repeated on pages 2-17 and the page numbers go.
    expect(c.metadata.title).toBe('Shared MIME-info Database');
    expect(paragraphs.slice(0, 3)).toEqual(['[Page 1]', 'Shared MIME-info Database', 'X Desktop Group (http://www.freedesktop.org)']);
    expect(paragraphs.filter((p) => p === 'Shared MIME-info Database')).toHaveLength(1);
    expect(paragraphs.filter((p) => /^\d+$/.test(p))).toEqual([]);
    // A page ends with its last line of text and the next starts with its first.
    const page3 = paragraphs.indexOf('[Page 3]');
    expect(paragraphs[page3 - 1]).toMatch(/Information found in a$/);
    expect(paragraphs[page3 + 1]).toMatch(/^directory is added to the information found in previous directories/);
  });

  it('recognises a head and a "Page N of M" foot on most pages of a generated report, but not in a two-page note', async () => {
    const page = (n: number, total: number, body: string[]) => [
      { text: 'Border Security Report: Draft for Comment', y: 760, size: 9 },
      ...layoutLines(body, 11, 720),
      { text: `Page ${n} of ${total}`, y: 40, size: 9 },
    ];
    const report = makePdf([
      [{ text: 'Border Security Report', y: 740, size: 18 }, ...layoutLines(['Opening line of the report.'], 11, 700)],
      page(2, 5, ['Crossings fell by a third.']),
      page(3, 5, ['Trade resumed in March.']),
      page(4, 5, ['Border Security Report: Draft for Comment', 'is quoted here in the body, not at the edge.', '', 'More body text.']),
      page(5, 5, ['Closing remarks.']),
    ]);
    expect(textOf(await convertFile(report, 'report.pdf')).split('\n\n')).toEqual([
      '[Page 1]',
      'Border Security Report',
      'Opening line of the report.',
      '[Page 2]',
      'Crossings fell by a third.',
      '[Page 3]',
      'Trade resumed in March.',
      '[Page 4]',
      'Border Security Report: Draft for Comment is quoted here in the body, not at the edge.',
      'More body text.',
      '[Page 5]',
      'Closing remarks.',
    ]);
    const note = makePdf([page(1, 2, ['First page.']), page(2, 2, ['Second page.'])]);
    expect(textOf(await convertFile(note, 'note.pdf'))).toContain('Page 2 of 2');
  });
});
