// Bytes to text for text-like imports (.txt, .md, .html): detects the encoding,
// and refuses empty, oversized and binary files with a message naming the file.
import { analyse } from 'chardet';
import { importFailed } from './failure.ts';

/** No import reads more than this: a larger "article" is almost certainly the wrong file. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

/** Refuses files that are empty or over the import limit, whatever their type. */
export function checkImportSize(bytes: Uint8Array, fileName: string | null): void {
  if (bytes.length === 0) throw importFailed(fileName, 'is empty');
  if (bytes.length > MAX_IMPORT_BYTES) throw importFailed(fileName, 'is larger than the 50 MB import limit');
}

export interface DecodeOptions {
  /** A charset the file declares about itself (an HTML meta tag); used when the bytes are not UTF-8. */
  declaredCharset?: string | null;
}

export interface DecodedText {
  text: string;
  /** The encoding the bytes were read in, as TextDecoder names it ("utf-8", "windows-1256"). */
  encoding: string;
}

export function decodeText(bytes: Uint8Array, fileName: string | null, options: DecodeOptions = {}): DecodedText {
  checkImportSize(bytes, fileName);
  const unicode = bomEncoding(bytes) ?? utf16WithoutBom(bytes);
  if (unicode) {
    // The decoder strips a byte order mark that matches its encoding, so the text never starts with U+FEFF.
    const text = new TextDecoder(unicode).decode(bytes);
    refuseBinaryText(text, fileName);
    return { text, encoding: unicode };
  }
  refuseBinaryBytes(bytes, fileName);
  // Valid UTF-8 with multi-byte sequences is almost never another encoding by accident,
  // so it wins even over a (frequently wrong) declared charset.
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Not UTF-8: the declared charset if there is a usable one, else what chardet finds.
  }
  const declared = usableCharset(options.declaredCharset ?? null);
  if (declared) return { text: new TextDecoder(declared).decode(bytes), encoding: declared };
  return detectLegacyEncoding(bytes) ?? { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
}

/**
 * The most likely legacy encoding by chardet's statistics, among those that decode the
 * bytes cleanly. chardet ranks by letter frequencies only, so it readily names
 * ISO-8859-6 for Urdu or Persian saved as windows-1256 (the letters Arabic lacks sit at
 * 0x80-0x9F, C1 controls in ISO-8859-6): a candidate whose text holds a byte it cannot
 * map, or C1 controls, which no text file means, is passed over for the next.
 */
function detectLegacyEncoding(bytes: Uint8Array): DecodedText | null {
  for (const match of analyse(bytes)) {
    const encoding = usableCharset(match.name);
    if (!encoding || encoding === 'utf-8') continue;
    let text: string;
    try {
      text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
    } catch {
      continue;
    }
    if (!/[\u0080-\u009f]/.test(text)) return { text, encoding };
  }
  return null;
}

function bomEncoding(bytes: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

const SAMPLE_BYTES = 64 * 1024;

/** UTF-16 without a BOM shows as NUL in every other byte of mostly-ASCII text. */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, SAMPLE_BYTES) & ~1;
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.9 && evenNul === 0) return 'utf-16le';
  if (evenNul > pairs * 0.9 && oddNul === 0) return 'utf-16be';
  return null;
}

/** A control byte that plain text does not contain (tab, line feed, vertical tab, form feed and CR are fine). */
function isControl(code: number): boolean {
  return code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0b && code !== 0x0c && code !== 0x0d;
}

function refuseBinaryBytes(bytes: Uint8Array, fileName: string | null): void {
  if (bytes.indexOf(0) !== -1) throw importFailed(fileName, 'looks like a binary file, not text');
  const n = Math.min(bytes.length, SAMPLE_BYTES);
  let controls = 0;
  for (let i = 0; i < n; i++) if (isControl(bytes[i]!)) controls++;
  if (controls > n * 0.05) throw importFailed(fileName, 'looks like a binary file, not text');
}

function refuseBinaryText(text: string, fileName: string | null): void {
  const n = Math.min(text.length, SAMPLE_BYTES);
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i);
    if (code === 0) throw importFailed(fileName, 'looks like a binary file, not text');
    if (isControl(code)) controls++;
  }
  if (controls > n * 0.05) throw importFailed(fileName, 'looks like a binary file, not text');
}

/** A charset label TextDecoder knows, other than UTF-16 (which a document cannot declare inside itself). */
function usableCharset(label: string | null): string | null {
  if (!label) return null;
  try {
    const encoding = new TextDecoder(label.trim().toLowerCase()).encoding;
    return encoding.startsWith('utf-16') ? null : encoding;
  } catch {
    return null;
  }
}

/** The charset an HTML file declares in its first 1024 bytes (meta charset, http-equiv, or XML declaration). */
export function sniffHtmlCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  const meta = /<meta[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  if (meta) return meta[1]!;
  const xml = /^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  return xml ? xml[1]! : null;
}
