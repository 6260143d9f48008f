// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../common/api/errors.ts';
import iconv from 'iconv-lite';
import { ARABIC_NEWS, PERSIAN_NEWS, URDU_NEWS, asWindows1256Text } from '../../testing/arabic-script-news.ts';
import { MAX_IMPORT_BYTES, decodeText, sniffHtmlCharset } from './decode.ts';

const bytes = (...values: number[]): Uint8Array => new Uint8Array(values);
const ascii = (s: string): number[] => Array.from(Buffer.from(s, 'latin1'));

function failure(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('IMPORT_FAILED');
    return error as AppError;
  }
  throw new Error('expected decoding to fail');
}

describe('decodeText', () => {
  it('decodes UTF-8 and strips its byte order mark', () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from('Café ✓')]), 'a.txt').text).toBe('Café ✓');
    expect(decodeText(new Uint8Array(Buffer.from('Pezeshkian’s offer')), 'a.txt').text).toBe('Pezeshkian’s offer');
  });

  it('decodes UTF-16 little-endian and big-endian files that start with a BOM', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Kabul – کابل', 'utf16le')]);
    expect(decodeText(new Uint8Array(le), 'le.txt').text).toBe('Kabul – کابل');
    const be = Buffer.from(Buffer.from('Kabul – کابل', 'utf16le')).swap16();
    expect(decodeText(new Uint8Array(Buffer.concat([Buffer.from([0xfe, 0xff]), be])), 'be.txt').text).toBe('Kabul – کابل');
  });

  it('recognises UTF-16 without a BOM by its pattern of zero bytes instead of calling it binary', () => {
    expect(decodeText(new Uint8Array(Buffer.from('Plain English text in UTF-16.', 'utf16le')), 'nobom.txt').text).toBe('Plain English text in UTF-16.');
  });

  it('falls back to windows-1252 when the bytes are not valid UTF-8 (0x93/0x94 are curly quotes)', () => {
    expect(decodeText(bytes(...ascii('He said '), 0x93, ...ascii('no'), 0x94, ...ascii(' '), 0x96, ...ascii(' caf'), 0xe9), 'old.txt').text).toBe('He said “no” – café');
  });

  it('uses a charset the HTML declares when the bytes are not UTF-8, but trusts valid UTF-8 over a wrong declaration', () => {
    // 0xC7 0xE1 is "ال" in windows-1256 (Arabic).
    expect(decodeText(bytes(0xc7, 0xe1), 'ar.html', { declaredCharset: 'windows-1256' }).text).toBe('ال');
    expect(decodeText(new Uint8Array(Buffer.from('naïve')), 'a.html', { declaredCharset: 'iso-8859-1' }).text).toBe('naïve');
    expect(decodeText(bytes(0x93, 0x41, 0x94), 'a.html', { declaredCharset: 'no-such-charset' }).text).toBe('“A”');
  });

  it('detects windows-1256 in Urdu, Persian and Arabic files that declare no charset, and names it', () => {
    for (const news of [URDU_NEWS, PERSIAN_NEWS, ARABIC_NEWS]) {
      const text = asWindows1256Text(news);
      const bytes = new Uint8Array(iconv.encode(text, 'windows-1256'));
      expect(iconv.decode(Buffer.from(bytes), 'windows-1256'), 'the fixture survives windows-1256').toBe(text);
      expect(decodeText(bytes, 'news.txt')).toEqual({ text, encoding: 'windows-1256' });
      // A declared charset still wins over the detector.
      expect(decodeText(bytes, 'news.html', { declaredCharset: 'windows-1256' }).encoding).toBe('windows-1256');
    }
  });

  it('names the encoding of Unicode files too', () => {
    expect(decodeText(new Uint8Array(Buffer.from(URDU_NEWS)), 'a.txt')).toEqual({ text: URDU_NEWS, encoding: 'utf-8' });
    expect(decodeText(new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(PERSIAN_NEWS, 'utf16le')])), 'b.txt').encoding).toBe('utf-16le');
  });

  it('refuses an empty file', () => {
    expect(failure(() => decodeText(new Uint8Array(0), 'notes.txt')).detail).toBe('notes.txt is empty.');
  });

  it('refuses binary content behind a text extension: NUL bytes or many control characters', () => {
    const png = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52);
    expect(failure(() => decodeText(png, 'photo.txt')).detail).toBe('photo.txt looks like a binary file, not text.');
    const controls = new Uint8Array(200).map((_, i) => (i % 4 === 0 ? 0x01 : 0x41));
    expect(failure(() => decodeText(controls, 'weird.txt')).detail).toBe('weird.txt looks like a binary file, not text.');
    const utf16WithNul = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('ab\u0000cd', 'utf16le')]);
    expect(failure(() => decodeText(new Uint8Array(utf16WithNul), 'nul.txt')).detail).toBe('nul.txt looks like a binary file, not text.');
  });

  it('accepts text with ordinary control characters (tabs, form feeds, CR LF)', () => {
    expect(decodeText(new Uint8Array(Buffer.from('a\tb\r\nc\fd')), 'ok.txt').text).toBe('a\tb\r\nc\fd');
  });

  it('refuses a file over the 50 MB limit without decoding it', () => {
    const big = new Uint8Array(MAX_IMPORT_BYTES + 1).fill(0x61);
    expect(failure(() => decodeText(big, 'huge.txt')).detail).toBe('huge.txt is larger than the 50 MB import limit.');
    expect(decodeText(new Uint8Array(1024).fill(0x61), 'fine.txt').text).toHaveLength(1024);
  });

  it('names only the file, never its directories', () => {
    expect(failure(() => decodeText(new Uint8Array(0), '/home/ana/private/notes.txt')).detail).toBe('notes.txt is empty.');
  });
});

describe('sniffHtmlCharset', () => {
  it('finds meta charset, http-equiv and XML declarations', () => {
    expect(sniffHtmlCharset(new Uint8Array(Buffer.from('<html><head><meta charset="windows-1256">')))).toBe('windows-1256');
    expect(sniffHtmlCharset(new Uint8Array(Buffer.from('<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">')))).toBe('ISO-8859-1');
    expect(sniffHtmlCharset(new Uint8Array(Buffer.from('<?xml version="1.0" encoding="Shift_JIS"?><html>')))).toBe('Shift_JIS');
    expect(sniffHtmlCharset(new Uint8Array(Buffer.from('<html><body>no declaration</body></html>')))).toBeNull();
  });
});
