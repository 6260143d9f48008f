// Running heads and feet of a paged document: a title, a chapter name or a page number
// printed at the top or bottom of page after page. Read into the article they would
// interrupt its sentences on every page (the page markers already say where a page
// starts), so lines at a page's edge that recur on many pages are left out.

interface PlacedLine {
  text: string;
  /** Baseline from the bottom of the page: larger is higher. */
  y: number;
  /** Type size: a title on the first page in large type is not the running head in small type that repeats it. */
  size: number;
}

/** How many lines at each edge of a page may be a running head or foot. */
const EDGE_LINES = 2;
/**
 * A line is running when it recurs on this share of the pages with text: less than
 * half, so a book's alternating heads (chapter on the left page, section on the right)
 * are recognised too; at least MIN_PAGES, so a short document keeps its lines.
 */
const SHARE_OF_PAGES = 0.4;
const MIN_PAGES = 3;

/** Page numbers and dates differ from page to page: a line is recognised by its words and type size. */
function shape(line: PlacedLine): string {
  return `${Math.round(line.size)} ${line.text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim()}`;
}

function edges<T extends PlacedLine>(lines: readonly T[]): { top: T[]; bottom: T[] } {
  const byHeight = [...lines].sort((a, b) => b.y - a.y);
  return { top: byHeight.slice(0, EDGE_LINES), bottom: byHeight.slice(-EDGE_LINES) };
}

/** Each page's lines without the running heads and feet, in their order. */
export function withoutRunningHeads<T extends PlacedLine>(pages: readonly (readonly T[])[]): T[][] {
  const withText = pages.filter((lines) => lines.length > 0).length;
  const needed = Math.max(MIN_PAGES, Math.ceil(withText * SHARE_OF_PAGES));
  if (withText < needed) return pages.map((lines) => [...lines]);
  // On how many pages each shape stands at the top, and at the bottom.
  const counts = { top: new Map<string, number>(), bottom: new Map<string, number>() };
  for (const lines of pages) {
    const edge = edges(lines);
    for (const side of ['top', 'bottom'] as const) {
      for (const key of new Set(edge[side].map(shape))) counts[side].set(key, (counts[side].get(key) ?? 0) + 1);
    }
  }
  const running = (side: 'top' | 'bottom', line: T) => (counts[side].get(shape(line)) ?? 0) >= needed;
  return pages.map((lines) => {
    const edge = edges(lines);
    const dropped = new Set([...edge.top.filter((l) => running('top', l)), ...edge.bottom.filter((l) => running('bottom', l))]);
    return lines.filter((l) => !dropped.has(l));
  });
}
