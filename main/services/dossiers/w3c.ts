// W3C Web Annotation JSON-LD (https://www.w3.org/TR/annotation-model/).
//
// The file is one AnnotationCollection whose first (and only) AnnotationPage embeds
// every annotation. A bare array would be valid too, but a collection has a place for
// the dossier's label, creator, date and total, and it is the form the Web Annotation
// Protocol serves, so annotation servers and viewers read it as it is. The @context is
// given once, at the top; embedded annotations inherit it (JSON-LD scoping).
//
// Every annotation also carries its own @context, so it stands alone when a reader
// takes it out of the collection (the model's SHOULD for embedded resources), and the
// agents the model recommends: its creator (until the change log records who made each
// highlight, the dossier's author, else the library's owner) and Casefile as generator,
// each with an id, a type, one name and a nickname. Bodies and targets say when and by
// whom they were made; text bodies give their language (the article's) and format.
//
// Each highlight targets its article (the URL when known, else a urn) with a
// TextQuoteSelector and a TextPositionSelector. Positions count Unicode code points,
// as the model requires, in the article's canonical text (Casefile's own extraction of
// the article, whose SHA-256 is in the provenance). Orphaned highlights keep only the
// quote selector: their last known position no longer points at the quote.
import { CREDIBILITY_GRADES, RELIABILITY_GRADES } from '../../../common/api/methods/annotations.ts';
import { KIND_LABELS } from './labels.ts';
import type { ExportModel } from './model.ts';

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

/** A highlight's id in exports: its global id, the same in every library it travels to. */
export function annotationUrn(gid: string): string {
  return `urn:uuid:${gid}`;
}

function entityUrn(libraryId: string, id: number): string {
  return `urn:casefile:${libraryId}:entity:${id}`;
}

/** UTF-16 offsets (Casefile's unit) to code points (the model's "characters"). */
function codePointOffsets(text: string): (offset: number) => number {
  // pairsBefore[o]: surrogate pairs completed before UTF-16 offset o (each counts one code point, not two).
  const pairsBefore = new Uint32Array(text.length + 1);
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    const completesPair = code >= 0xdc00 && code <= 0xdfff && i > 0 && text.charCodeAt(i - 1) >= 0xd800 && text.charCodeAt(i - 1) <= 0xdbff;
    pairsBefore[i + 1] = pairsBefore[i]! + (completesPair ? 1 : 0);
  }
  return (offset) => {
    const o = Math.max(0, Math.min(offset, text.length));
    return o - pairsBefore[o]!;
  };
}

interface Agent {
  id: string;
  type: 'Person' | 'Software';
  name: string;
  nickname: string;
}

/** What the model recommends on every body and target: when and by whom it was made. */
interface Provenance {
  created?: string;
  creator?: Agent;
}

interface TextualBody extends Provenance {
  type: 'TextualBody';
  purpose: 'classifying' | 'tagging' | 'commenting' | 'identifying' | 'describing';
  value: string;
  format?: string;
  language?: string;
}

interface LinkBody extends Provenance {
  type: 'SpecificResource';
  purpose: 'identifying' | 'linking';
  source: string;
}

export const GENERATOR: Agent = { id: 'urn:casefile:software:casefile', type: 'Software', name: 'Casefile', nickname: 'casefile' };

/** The person an export names as creator: the dossier's author, else the library's owner. */
export function creatorAgent(libraryId: string, author: string): Agent {
  const name = author.trim() || 'Library owner';
  const nickname = name.normalize('NFKD').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '').toLowerCase() || 'owner';
  return { id: `urn:casefile:${libraryId}:person:${encodeURIComponent(nickname)}`, type: 'Person', name, nickname };
}

export function renderW3c(model: ExportModel): string {
  const items = [];
  const creator = creatorAgent(model.libraryId, model.author);
  const articles = new Map(model.articles.map((a) => [a.number, a]));
  const converters = new Map<number, (offset: number) => number>();
  for (const h of model.highlights) {
    const a = h.annotation;
    const section = articles.get(h.articleNumber)!;
    const article = section.article;
    let toCodePoints = converters.get(article.id);
    if (!toCodePoints) converters.set(article.id, (toCodePoints = codePointOffsets(article.text)));

    const body: (TextualBody | LinkBody)[] = [{ type: 'TextualBody', purpose: 'classifying', value: a.kind }];
    if (a.entity) {
      body.push({ type: 'TextualBody', purpose: 'identifying', value: a.entity.name });
      body.push({ type: 'SpecificResource', purpose: 'identifying', source: entityUrn(model.libraryId, a.entity.id) });
    }
    if (a.claim) {
      for (const c of a.claim.claimants) body.push({ type: 'TextualBody', purpose: 'describing', value: `Claimant: ${c.name}` });
      for (const s of a.claim.sources) {
        body.push({ type: 'TextualBody', purpose: 'describing', value: `Source: ${s.name}${s.reliability ? ` (reliability ${s.reliability}: ${RELIABILITY_GRADES[s.reliability]})` : ''}` });
      }
      if (a.claim.credibility) {
        body.push({ type: 'TextualBody', purpose: 'describing', value: `Credibility ${a.claim.credibility}: ${CREDIBILITY_GRADES[a.claim.credibility]}` });
      }
      for (const other of a.claim.sameClaims) body.push({ type: 'SpecificResource', purpose: 'linking', source: annotationUrn(other.annotationGid) });
    }
    for (const tag of a.tags) body.push({ type: 'TextualBody', purpose: 'tagging', value: tag.name });
    if (a.note.trim()) body.push({ type: 'TextualBody', purpose: 'commenting', value: a.note });
    // Every body was made with the highlight, by its creator; text is plain, in the article's language.
    for (const b of body) {
      b.created = a.createdAt;
      b.creator = creator;
      if (b.type === 'TextualBody') {
        b.format = 'text/plain';
        if (article.language) b.language = article.language;
      }
    }

    const selector: Record<string, unknown>[] = [{ type: 'TextQuoteSelector', exact: a.quote.exact, prefix: a.quote.prefix, suffix: a.quote.suffix }];
    if (a.anchorStatus !== 'orphan') selector.push({ type: 'TextPositionSelector', start: toCodePoints(a.start), end: toCodePoints(a.end) });

    items.push({
      '@context': ANNO_CONTEXT,
      id: annotationUrn(a.gid),
      type: 'Annotation',
      motivation: a.note.trim() ? 'commenting' : 'highlighting',
      label: `[${h.number}] ${KIND_LABELS[a.kind]}`,
      created: a.createdAt,
      modified: a.updatedAt,
      creator,
      generator: GENERATOR,
      body,
      target: {
        source: article.url ?? `urn:uuid:${article.gid}`,
        ...(article.language ? { language: article.language } : {}),
        // The media type of what the source is: the page as it was imported, else Casefile's text.
        format: article.url && article.original ? article.original.type.split(';')[0]!.trim() : 'text/plain',
        created: a.createdAt,
        creator,
        selector,
      },
    });
  }
  const collectionId = model.dossierId === null ? `urn:casefile:${model.libraryId}:all-articles` : `urn:casefile:${model.libraryId}:dossier:${model.dossierId}`;
  const collection = {
    '@context': ANNO_CONTEXT,
    id: collectionId,
    type: 'AnnotationCollection',
    label: model.title,
    creator,
    created: model.generatedAt,
    generator: GENERATOR,
    total: items.length,
    first: {
      id: `${collectionId}:page:1`,
      type: 'AnnotationPage',
      startIndex: 0,
      items,
    },
  };
  return `${JSON.stringify(collection, null, 2)}\n`;
}
