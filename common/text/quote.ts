// Short quotes of user text for labels ("Tag “Asim Munir said…” as actor"), the same in
// the change log, the undo button and the History panel.

export function shortQuote(text: string, max = 40): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** The text in typographic quotes, shortened: “Asim Munir said…”. */
export function quoted(text: string, max = 40): string {
  return `“${shortQuote(text, max)}”`;
}
