// XML from other tools (.qde projects, RDF) parsed without trusting it: a document
// type declaration is refused outright (no entity may expand, internal or external;
// REFI-QDA and RDF never need one), and only the predefined and numeric character
// references are decoded. Writing is qdpx-export.ts's (escapeXml): it needs no parser.
import { XMLParser } from 'fast-xml-parser';
import { importFailed } from '../import/failure.ts';

/** A parsed element: attributes as strings, children by tag name (always arrays), text as '#text'. */
export interface XmlElement {
  [key: string]: XmlElement[] | string | undefined;
  '#text'?: string;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  // Entities: the five predefined ones and numeric references only. Declared entities
  // cannot appear: a DOCTYPE is refused before parsing.
  processEntities: true,
  htmlEntities: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  removeNSPrefix: true,
  isArray: (_name, _path, _isLeaf, isAttribute) => !isAttribute,
});

export function parseXml(text: string, fileName: string): XmlElement {
  // Allowed before the root: the XML declaration, comments and whitespace. A DOCTYPE
  // anywhere is refused, whatever it declares.
  if (/<!DOCTYPE/i.test(text) || /<!ENTITY/i.test(text)) {
    throw importFailed(fileName, 'declares a document type or entities, which Casefile does not expand (an XML bomb or external entity would); nothing was imported');
  }
  try {
    return parser.parse(text, true) as XmlElement;
  } catch {
    throw importFailed(fileName, 'is not well-formed XML');
  }
}

export function children(element: XmlElement | undefined, name: string): XmlElement[] {
  const value = element?.[name];
  return Array.isArray(value) ? value : [];
}

export function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return children(element, name)[0];
}

export function attr(element: XmlElement | undefined, name: string): string | undefined {
  const value = element?.[`@${name}`];
  return typeof value === 'string' ? value : undefined;
}

/** The text content of an element (a <Description>, a <PlainTextContent>). */
export function textOf(element: XmlElement | undefined): string {
  if (!element) return '';
  if (typeof element === 'string') return element;
  return typeof element['#text'] === 'string' ? element['#text'] : '';
}
