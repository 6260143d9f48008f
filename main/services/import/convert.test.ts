// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { SUPPORTED_EXTENSIONS, convertFile, convertPaste, extensionOf } from './convert.ts';
import { MAX_IMPORT_BYTES } from './decode.ts';
import { expectImportFailure, textOf } from '../../testing/fixtures/import/helpers.ts';
import { layoutLines, makePdf } from '../../testing/fixtures/import/make-pdf.ts';
import { makeDocx } from '../../testing/fixtures/import/make-docx.ts';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('convertFile dispatch', () => {
  it('supports exactly .html, .htm, .txt, .md, .pdf and .docx', () => {
    expect([...SUPPORTED_EXTENSIONS]).toEqual(['.html', '.htm', '.txt', '.md', '.pdf', '.docx']);
  });

  it('picks the converter by extension, case-insensitively, and records the MIME type (and the encoding of text)', async () => {
    const cases: [string, Uint8Array, string][] = [
      ['a.HTML', utf8('<p>Hello from HTML, a sentence long enough to count as text.</p>'), 'text/html'],
      ['a.htm', utf8('<p>Hello from HTM.</p>'), 'text/html'],
      ['a.TXT', utf8('Hello from text.'), 'text/plain'],
      ['a.md', utf8('# Heading\n\nHello from **Markdown**.'), 'text/markdown'],
      ['a.pdf', makePdf([layoutLines(['Hello from PDF.'])]), 'application/pdf'],
      ['a.docx', makeDocx([{ kind: 'paragraph', runs: ['Hello from Word.'] }]), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ];
    for (const [name, bytes, type] of cases) {
      const c = await convertFile(bytes, name);
      const encoding = type.startsWith('text/') ? { encoding: 'utf-8' } : {};
      expect(c.original, name).toEqual({ bytes, type, name, ...encoding });
      expect(textOf(c), name).toMatch(/Hello from/);
    }
  });

  it('refuses other extensions, naming the file and what is supported', async () => {
    await expectImportFailure(
      convertFile(utf8('x'), 'photo.xyz'),
      'photo.xyz: ".xyz" files are not supported; Casefile imports .html, .htm, .txt, .md, .pdf and .docx.',
    );
    await expectImportFailure(convertFile(utf8('x'), 'README'), 'README: files without an extension are not supported; Casefile imports .html, .htm, .txt, .md, .pdf and .docx.');
    await expectImportFailure(convertFile(utf8('x'), 'old.doc'), /^old\.doc: "\.doc" files are not supported/);
  });

  it('names the file without its directories in every message', async () => {
    await expectImportFailure(convertFile(new Uint8Array(0), '/Users/ana/Cases/secret/empty.txt'), 'empty.txt is empty.');
    expect(extensionOf('C:\\dir.v2\\file')).toBe('');
    expect(extensionOf('.bashrc')).toBe('');
  });
});

describe('bad input for every type', () => {
  it('refuses an empty file whatever its type', async () => {
    for (const name of ['e.txt', 'e.md', 'e.html', 'e.pdf', 'e.docx']) await expectImportFailure(convertFile(new Uint8Array(0), name), `${name} is empty.`);
  });

  it('refuses a file over 50 MB whatever its type, before reading it', async () => {
    const big = new Uint8Array(MAX_IMPORT_BYTES + 1);
    for (const name of ['big.txt', 'big.pdf', 'big.docx']) await expectImportFailure(convertFile(big, name), `${name} is larger than the 50 MB import limit.`);
  });

  it('refuses binary content named .txt, .md or .html', async () => {
    const binary = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00]);
    for (const name of ['program.txt', 'program.md', 'program.html']) await expectImportFailure(convertFile(binary, name), `${name} looks like a binary file, not text.`);
  });

  it('reads a windows-1252 text file: 0x93 and 0x94 become curly quotes', async () => {
    const bytes = new Uint8Array([...Buffer.from('Quote Test\n\nHe said ', 'latin1'), 0x93, ...Buffer.from('we will talk', 'latin1'), 0x94, 0x2e]);
    const c = await convertFile(bytes, 'legacy.txt');
    expect(textOf(c)).toBe('He said “we will talk”.');
    expect(c.original.bytes).toBe(bytes);
  });

  it('reads UTF-16 LE and BE text files with a BOM', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Title\n\nUTF-16 body – ok.', 'utf16le')]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(Buffer.from('Title\n\nUTF-16 body – ok.', 'utf16le')).swap16()]);
    for (const bytes of [le, be]) {
      const c = await convertFile(new Uint8Array(bytes), 'u16.txt');
      expect(c.metadata.title).toBe('Title');
      expect(textOf(c)).toBe('UTF-16 body – ok.');
    }
  });

  it('reads an HTML file in the legacy charset it declares', async () => {
    // "السلام عليكم" in windows-1256, as old Arabic-script news sites served it.
    const arabic = Buffer.from([0xc7, 0xe1, 0xd3, 0xe1, 0xc7, 0xe3, 0x20, 0xda, 0xe1, 0xed, 0xdf, 0xe3]);
    const html = Buffer.concat([Buffer.from('<html><head><meta charset="windows-1256"></head><body><p>'), arabic, Buffer.from('</p></body></html>')]);
    const c = await convertFile(new Uint8Array(html), 'old-arabic.html');
    expect(textOf(c)).toBe('السلام عليكم');
    expect(c.metadata.direction).toBe('rtl');
  });
});

describe('convertPaste', () => {
  it('converts pasted plain text like a text file, keeping the pasted text as the original', async () => {
    const c = await convertPaste('Pasted Headline\n\nDID Press: The pasted body.', 'text');
    expect(c.metadata).toMatchObject({ title: 'Pasted Headline', outlet: 'DID Press' });
    expect(textOf(c)).toBe('DID Press: The pasted body.');
    expect(c.original).toEqual({ bytes: utf8('Pasted Headline\n\nDID Press: The pasted body.'), type: 'text/plain', name: null });
  });

  it('refuses an empty paste', async () => {
    await expectImportFailure(convertPaste('  \n ', 'text'), 'The pasted content is empty.');
    await expectImportFailure(convertPaste('', 'html'), 'The pasted content is empty.');
    await expectImportFailure(convertPaste('<p> </p><script>x()</script>', 'html'), 'The pasted content has no readable text.');
  });
});
