// Titles for articles that do not state one: a short headline made from the opening
// sentence, and the tests that decide whether a first line already is a title.

export const HEADLINE_MAX = 100;

// Abbreviations whose period does not end a sentence ("U.S. officials", "Mr. Khan").
const ABBREVIATION = /(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Maj|Capt|Sgt|Gov|Sen|Rep|St|Jr|Sr|No|Vol|vs|etc|e\.g|i\.e)|\b[A-Z](?:\.[A-Z])*)$/;

/** The first sentence of `text` (the whole text when no sentence end is found). */
export function firstSentence(text: string): string {
  const re = /[.!?…](?=["'”’)\]]*(?:\s|$))/g;
  let match: RegExpExecArray | null;
  while ((match = re.exec(text)) !== null) {
    const before = text.slice(0, match.index);
    if (match[0] === '.' && ABBREVIATION.test(before)) continue;
    return text.slice(0, match.index + 1).trim();
  }
  return text.trim();
}

/** A headline from the opening sentence: at most HEADLINE_MAX characters, cut at a word boundary with "…". */
export function headlineFrom(text: string): string {
  const sentence = firstSentence(text.replace(/\s+/g, ' ').trim()).replace(/[.]$/, '');
  if (sentence.length <= HEADLINE_MAX) return sentence;
  const cut = sentence.slice(0, HEADLINE_MAX - 1);
  const space = cut.lastIndexOf(' ');
  const head = space > HEADLINE_MAX / 2 ? cut.slice(0, space) : cut;
  return `${head.replace(/[\s,;:–—-]+$/, '')}…`;
}

/** A line that reads as a title: short, and not ending like a sentence or a lead-in. */
export function looksLikeTitle(line: string): boolean {
  const text = line.trim();
  if (text.length === 0 || text.length > 150) return false;
  if (text.split(/\s+/).length > 25) return false;
  return !/[.,;:]$/.test(text);
}

/** Removes the outlet's name when a page title carries it ("Headline | Outlet", "Outlet - Headline"). */
export function withoutOutletName(title: string, outlet: string | null): string {
  if (!outlet) return title;
  const name = outlet.trim().toLowerCase();
  const parts = title.split(/\s+[|–—-]\s+|\s+[:·»]\s+/);
  if (parts.length < 2) return title;
  const first = parts[0]!.trim();
  const last = parts[parts.length - 1]!.trim();
  if (last.toLowerCase() === name) return title.slice(0, title.length - last.length).replace(/\s*[|–—\-:·»]\s*$/, '').trim();
  if (first.toLowerCase() === name) return title.slice(first.length).replace(/^\s*[|–—\-:·»]\s*/, '').trim();
  return title;
}

/** A file name without directories and extension, as a last-resort title. */
export function titleFromFileName(fileName: string | null): string {
  if (!fileName) return 'Untitled';
  const base = (fileName.split(/[\\/]/).pop() ?? fileName).replace(/\.[^.]+$/, '').replace(/[_]+/g, ' ').trim();
  return base.length > 0 ? base : 'Untitled';
}
