// Reading the body's print and giving its front pages the numbered contents, without
// parsing or rewriting the whole file. pdf-lib reads every object of a PDF up front and
// writes every object back: 2-3 s for a 480-page dossier, a fifth of its print. Here
// pdf-lib parses only the objects asked for (the trailer, the catalog, the page tree,
// the named destinations, the front pages), found through the cross-reference table,
// and the change is an incremental update (PDF 32000-1, 7.5.6): the new objects and a
// new cross-reference section appended to the untouched bytes. Chromium and Electron
// print through Skia, which writes a classic cross-reference table and no object
// streams; any other layout makes these functions return null, and the caller prints
// the whole document again instead.
import {
  decodePDFRawStream,
  PDFArray,
  PDFContext,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFNumber,
  PDFObjectCopier,
  PDFObjectParser,
  PDFRawStream,
  PDFRef,
  type PDFObject,
} from 'pdf-lib';

const latin1 = new TextDecoder('latin1');
const name = (key: string) => PDFName.of(key);

/** A PDF whose objects are parsed one at a time, on demand. */
export class PrintedPdf {
  readonly bytes: Uint8Array;
  readonly context = PDFContext.create();
  readonly trailer: PDFDict;
  readonly xrefOffset: number;
  /** One past the largest object number (the trailer's /Size). */
  readonly size: number;
  private readonly offsets = new Map<number, number>();
  private readonly parsed = new Map<number, PDFObject>();
  private pageRefsCache: PDFRef[] | null = null;

  private constructor(bytes: Uint8Array) {
    this.bytes = bytes;
    const tail = latin1.decode(bytes.subarray(Math.max(0, bytes.length - 64)));
    const start = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
    if (!start) throw new Error('no startxref');
    this.xrefOffset = Number(start[1]);
    // Entries are 20 bytes; the table ends at "trailer".
    const text = latin1.decode(bytes.subarray(this.xrefOffset));
    const table = /^xref\s+([\s\S]*?)trailer\s*/.exec(text);
    if (!table) throw new Error('no classic cross-reference table');
    const lines = table[1]!.split(/\r\n|\r|\n/).map((l) => l.trim()).filter(Boolean);
    for (let i = 0; i < lines.length; ) {
      const [first, count] = lines[i]!.split(/\s+/).map(Number) as [number, number];
      for (let k = 0; k < count; k += 1) {
        const [offset, , kind] = lines[i + 1 + k]!.split(/\s+/);
        if (kind === 'n') this.offsets.set(first + k, Number(offset));
      }
      i += 1 + count;
    }
    this.trailer = PDFObjectParser.forBytes(bytes.subarray(this.xrefOffset + table[0].length), this.context).parseObject() as PDFDict;
    if (this.trailer.get(name('Prev'))) throw new Error('already updated');
    this.size = (this.trailer.lookup(name('Size'), PDFNumber)).asNumber();
  }

  /** Null when the bytes are not laid out as Skia writes them. */
  static read(bytes: Uint8Array): PrintedPdf | null {
    try {
      return new PrintedPdf(bytes);
    } catch {
      return null;
    }
  }

  lookup(value: PDFObject | undefined): PDFObject | undefined {
    if (!(value instanceof PDFRef)) return value;
    const cached = this.parsed.get(value.objectNumber);
    if (cached) return cached;
    const offset = this.offsets.get(value.objectNumber);
    if (offset === undefined) return undefined;
    const header = /^\s*(\d+)\s+(\d+)\s+obj\s*/.exec(latin1.decode(this.bytes.subarray(offset, offset + 32)));
    if (!header || Number(header[1]) !== value.objectNumber) throw new Error(`object ${value.objectNumber} is not where the table says`);
    const object = PDFObjectParser.forBytes(this.bytes.subarray(offset + header[0].length), this.context).parseObject();
    this.parsed.set(value.objectNumber, object);
    return object;
  }

  dict(value: PDFObject | undefined): PDFDict {
    const object = this.lookup(value);
    if (!(object instanceof PDFDict)) throw new Error('expected a dictionary');
    return object;
  }

  get catalog(): PDFDict {
    return this.dict(this.trailer.get(name('Root')));
  }

  /** The page objects in order, from the page tree. */
  pageRefs(): PDFRef[] {
    if (this.pageRefsCache) return this.pageRefsCache;
    const pages: PDFRef[] = [];
    const walk = (ref: PDFObject | undefined, depth: number) => {
      if (!(ref instanceof PDFRef) || depth > 32) throw new Error('bad page tree');
      const node = this.dict(ref);
      const kids = this.lookup(node.get(name('Kids')));
      if (kids instanceof PDFArray) for (const kid of kids.asArray()) walk(kid, depth + 1);
      else pages.push(ref);
    };
    walk(this.catalog.get(name('Pages')), 0);
    this.pageRefsCache = pages;
    return pages;
  }

  /** The page (1-based) of each named destination (Chromium writes them in the catalog's /Dests). */
  namedDestinationPages(): Map<string, number> {
    const indexOf = new Map(this.pageRefs().map((ref, i) => [ref.objectNumber, i + 1]));
    const pages = new Map<string, number>();
    const dests = this.lookup(this.catalog.get(name('Dests')));
    if (!(dests instanceof PDFDict)) return pages;
    for (const [key, value] of dests.entries()) {
      const dest = this.lookup(value);
      const array = dest instanceof PDFDict ? this.lookup(dest.get(name('D'))) : dest;
      const target = array instanceof PDFArray ? array.get(0) : null;
      const page = target instanceof PDFRef ? indexOf.get(target.objectNumber) : undefined;
      if (page !== undefined) pages.set(key.decodeText(), page);
    }
    return pages;
  }

  /** The decoded drawing of a page (its content streams joined). */
  pageContent(pageRef: PDFRef): string {
    return decodedContent(this.dict(pageRef).get(name('Contents')), (v) => this.lookup(v));
  }
}

function decodedContent(contents: PDFObject | undefined, lookup: (value: PDFObject | undefined) => PDFObject | undefined): string {
  const resolved = lookup(contents);
  const streams = resolved instanceof PDFArray ? resolved.asArray().map(lookup) : [resolved];
  return streams.map((s) => (s instanceof PDFRawStream ? latin1.decode(decodePDFRawStream(s).decode()) : '')).join('\n');
}

/** The marked content of a drawing in order (tag and MCID): what a structure tree points at. */
function markedContent(content: string): string {
  return [...content.matchAll(/\/([^\s/<>[\]()]+)\s*<<[^>]*?\/MCID\s+(\d+)[^>]*>>\s*BDC/g)].map((m) => `${m[1]} ${m[2]}`).join(',');
}

function serialize(object: PDFObject): Uint8Array {
  const bytes = new Uint8Array(object.sizeInBytes());
  object.copyBytesInto(bytes, 0);
  return bytes;
}

/**
 * `body` with its first pages drawn as `front`'s pages are: each keeps its page object
 * (links, structure, bookmarks and named destinations pointing at it) and takes the
 * other print's content stream and resources. Null when the prints differ in page count
 * or in the tagged content of a page (the structure tree would point at the wrong text),
 * or when either is not laid out as expected.
 */
export async function replaceFrontPages(body: PrintedPdf, frontBytes: Uint8Array, count: number): Promise<Uint8Array | null> {
  try {
    const front = await PDFDocument.load(frontBytes, { updateMetadata: false, parseSpeed: Infinity });
    const bodyPages = body.pageRefs().slice(0, count);
    if (front.getPageCount() !== count || bodyPages.length !== count) return null;
    const frontPages = front.getPages().map((page) => page.node);
    const sameTags = bodyPages.every((ref, i) => markedContent(body.pageContent(ref)) === markedContent(decodedContent(frontPages[i]!.get(name('Contents')), (v) => front.context.lookup(v))));
    if (!sameTags) return null;

    // New objects are numbered after the body's; the page objects keep their numbers.
    const out = body.context;
    out.largestObjectNumber = body.size - 1;
    const copier = PDFObjectCopier.for(front.context, out);
    const changed: [PDFRef, PDFObject][] = [];
    bodyPages.forEach((ref, i) => {
      const page = body.dict(ref).clone(out);
      for (const key of ['Contents', 'Resources']) {
        const value = frontPages[i]!.get(name(key));
        if (value) page.set(name(key), copier.copy(value));
      }
      changed.push([ref, page]);
    });
    for (const [ref, object] of out.enumerateIndirectObjects()) if (ref.objectNumber >= body.size) changed.push([ref, object]);

    const encoder = new TextEncoder();
    const chunks: Uint8Array[] = [body.bytes, encoder.encode('\n')];
    let offset = body.bytes.length + 1;
    const entries: [number, number, number][] = [];
    for (const [ref, object] of changed) {
      const head = encoder.encode(`${ref.objectNumber} ${ref.generationNumber} obj\n`);
      const content = serialize(object);
      const foot = encoder.encode('\nendobj\n');
      entries.push([ref.objectNumber, ref.generationNumber, offset]);
      chunks.push(head, content, foot);
      offset += head.length + content.length + foot.length;
    }
    entries.sort((a, b) => a[0] - b[0]);
    const xref = ['xref', ...entries.flatMap(([n, g, at]) => [`${n} 1`, `${String(at).padStart(10, '0')} ${String(g).padStart(5, '0')} n\r`])];
    const trailer = body.trailer.clone(out);
    trailer.set(name('Size'), PDFNumber.of(out.largestObjectNumber + 1));
    trailer.set(name('Prev'), PDFNumber.of(body.xrefOffset));
    chunks.push(encoder.encode(`${xref.join('\n')}\ntrailer\n${trailer.toString()}\nstartxref\n${offset}\n%%EOF\n`));
    return Buffer.concat(chunks);
  } catch {
    return null;
  }
}
