// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { convertFile } from './convert.ts';
import { expectImportFailure, textOf } from './fixtures/helpers.ts';
import { layoutLines, makePdf } from './fixtures/make-pdf.ts';

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
});
