import fs from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../common/api/errors.ts';
import { tempDir } from '../../testing/temp.ts';
import { csvField, guardFormula } from './csv.ts';
import { cssString, escapeHtml, safeHref } from './escape.ts';
import { safeFileName, writeFileAtomic } from './files.ts';
import { mdText } from './markdown.ts';

const HOSTILE = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "' onmouseover='alert(1)",
  '</style><script>alert(2)</script>',
  '<!-- comment --> ]]> <![CDATA[x]]>',
  '&amp; &lt; &#x3C; &#60;',
  '<a href="javascript:alert(3)">click</a>',
  'null\u0000byte and \u0007bell and \u001b[31m escape',
  'lone \uD800 surrogate',
  'right-to-left \u202Eoverride',
];

describe('escapeHtml', () => {
  it('turns every hostile string into text that reads back exactly (controls become U+FFFD)', () => {
    for (const text of HOSTILE) {
      const html = `<p title="${escapeHtml(text)}">${escapeHtml(text)}</p>`;
      const dom = new JSDOM(`<!DOCTYPE html><body>${html}</body>`);
      const p = dom.window.document.querySelectorAll('body > *');
      expect(p).toHaveLength(1);
      expect(dom.window.document.querySelectorAll('script, img, a, style')).toHaveLength(0);
      const expected = text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]|\uD800/g, '\uFFFD');
      expect(p[0]!.textContent).toBe(expected);
      expect(p[0]!.getAttribute('title')).toBe(expected);
      expect(escapeHtml(text)).not.toMatch(/[<>"']/);
    }
  });
});

describe('cssString', () => {
  it('cannot end the string or the style element, and keeps the text (spaces after escapes included)', () => {
    for (const text of [...HOSTILE, 'RESTRICTED – NOT FOR PUBLICATION', 'a "quoted" \\ back\nslash', 'Urdu: پاکستان']) {
      const css = cssString(text);
      expect(css).toMatch(/^"[^"\n<>\\]*(\\[0-9a-f]{6} [^"\n<>\\]*)*"$/);
      // Decode as CSS does: a 6-digit escape and the one space after it.
      const decoded = css.slice(1, -1).replace(/\\([0-9a-f]{6}) /g, (_m, hex: string) => String.fromCodePoint(parseInt(hex, 16)));
      expect(decoded).toBe(text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|\uD800/g, '\uFFFD'));
    }
  });
});

describe('safeHref', () => {
  it('allows web and mail links only', () => {
    expect(safeHref('https://example.org/a?b=1')).toBe('https://example.org/a?b=1');
    expect(safeHref('mailto:desk@example.org')).toBe('mailto:desk@example.org');
    for (const bad of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,<script>', 'file:///etc/passwd', 'not a url', '', null]) {
      expect(safeHref(bad)).toBeNull();
    }
  });
});

describe('safeFileName', () => {
  it('keeps readable titles and their scripts', () => {
    expect(safeFileName('Pakistan–Afghanistan mediation: the Iranian channel', 'pdf')).toBe('Pakistan–Afghanistan mediation- the Iranian channel.pdf');
    expect(safeFileName('پاکستان اور افغانستان', 'md')).toBe('پاکستان اور افغانستان.md');
  });

  it('removes separators, controls, bidi overrides, leading dots and trailing dots and spaces', () => {
    expect(safeFileName('../../etc/passwd', 'csv')).toBe('etc-passwd.csv');
    expect(safeFileName('a\\b/c:d*e?f"g<h>i|j', 'pdf')).toBe('a-b-c-d-e-f-g-h-i-j.pdf');
    expect(safeFileName('report\u202Efdp.exe', 'pdf')).toBe('report fdp.exe.pdf');
    expect(safeFileName('line\nbreak\ttab\u0000nul', 'md')).toBe('line break tab nul.md');
    expect(safeFileName('...hidden', 'md')).toBe('hidden.md');
    expect(safeFileName('trailing dots... ', 'md')).toBe('trailing dots.md');
  });

  it('avoids reserved Windows device names and empty names, and shortens long titles without splitting characters', () => {
    expect(safeFileName('CON', 'pdf')).toBe('_CON.pdf');
    expect(safeFileName('lpt1', 'md')).toBe('_lpt1.md');
    expect(safeFileName('nul.tar', 'md')).toBe('_nul.tar.md');
    expect(safeFileName('Console', 'md')).toBe('Console.md');
    expect(safeFileName('   ', 'pdf')).toBe('Casefile export.pdf');
    expect(safeFileName('///', 'pdf')).toBe('Casefile export.pdf');
    const long = safeFileName('😀'.repeat(150), 'html');
    expect(Array.from(long.replace(/\.html$/, ''))).toHaveLength(100);
    expect(long).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});

describe('writeFileAtomic', () => {
  it('writes, refuses to overwrite without force, overwrites with force, and leaves no temporary files', () => {
    const dir = tempDir();
    const file = path.join(dir, 'out.md');
    writeFileAtomic(file, 'first', { force: false });
    expect(fs.readFileSync(file, 'utf8')).toBe('first');
    expect(() => writeFileAtomic(file, 'second', { force: false })).toThrow(AppError);
    try {
      writeFileAtomic(file, 'second', { force: false });
    } catch (error) {
      expect((error as AppError).code).toBe('CONFLICT');
      expect((error as AppError).detail).toContain(file);
    }
    expect(fs.readFileSync(file, 'utf8')).toBe('first');
    writeFileAtomic(file, new TextEncoder().encode('third'), { force: true });
    expect(fs.readFileSync(file, 'utf8')).toBe('third');
    expect(fs.readdirSync(dir)).toEqual(['out.md']);
  });

  it('names the missing folder, and refuses a folder as the target', () => {
    const dir = tempDir();
    expect(() => writeFileAtomic(path.join(dir, 'nope', 'x.md'), 'x', { force: false })).toThrow(/folder .*nope does not exist/);
    expect(() => writeFileAtomic(dir, 'x', { force: true })).toThrow(/is a folder/);
  });
});

describe('CSV fields', () => {
  it('quotes per RFC 4180 and guards formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(42)).toBe('42');
    for (const f of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) expect(guardFormula(f)).toBe(`'${f}`);
    expect(csvField('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(guardFormula('safe = text')).toBe('safe = text');
  });
});

describe('Markdown text', () => {
  it('escapes markup so it reads as text', () => {
    expect(mdText('<script>alert(1)</script>')).toBe('\\<script\\>alert(1)\\</script\\>');
    expect(mdText('[link](javascript:x) *bold* _i_ `code` | ~~s~~')).toBe('\\[link\\](javascript:x) \\*bold\\* \\_i\\_ \\`code\\` \\| \\~\\~s\\~\\~');
    expect(mdText('AT&T &amp; co')).toBe('AT&T &amp;amp; co');
  });
});
