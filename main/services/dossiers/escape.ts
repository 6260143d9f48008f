// Escaping for everything an export writes: article and user text is untrusted and
// must come out as text, never as markup, in HTML bodies, attributes and CSS strings.

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Control characters other than tab, newline and carriage return are not allowed in
 * HTML text and can confuse readers of the PDF; noncharacters and lone surrogates
 * cannot be encoded. All become U+FFFD so nothing is silently dropped.
 */
const UNSAFE_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFDD0-\uFDEF\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function cleanText(text: string): string {
  return text.replace(UNSAFE_CHARACTERS, '\uFFFD');
}

/** Text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return cleanText(text).replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]!);
}

/**
 * A CSS string literal ("...") holding `text` exactly: every character outside a
 * small safe set is written as a 6-digit hex escape, so no quote, backslash, newline
 * or "</style>" can end the string or the style element.
 */
export function cssString(text: string): string {
  let out = '"';
  for (const char of cleanText(text)) {
    // The space after an escape ends it and is consumed by it (CSS Syntax 4.3.7), so a
    // following space in the text survives.
    out += /^[A-Za-z0-9.,:;!?()&+=#%_-]$/.test(char) ? char : `\\${char.codePointAt(0)!.toString(16).padStart(6, '0')} `;
  }
  return `${out}"`;
}

/** An href only for web and mail links; anything else (javascript:, data:, file:) is shown as text. */
export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return ['http:', 'https:', 'mailto:'].includes(parsed.protocol) ? parsed.href : null;
  } catch {
    return null;
  }
}
