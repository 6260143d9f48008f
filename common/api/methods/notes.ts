// The researcher's own notebook pages: Lexical rich text that may quote highlights.
import { z } from 'zod';
import { Id, method, shared } from '../define.ts';
import { isSerializedDocument, type SerializedDocument } from '../../text/document.ts';

export interface NoteSummary {
  id: number;
  title: string;
  updatedAt: string;
  quotedAnnotationIds: number[];
}

export interface Note extends NoteSummary {
  body: SerializedDocument;
  text: string;
  createdAt: string;
}

/** A Lexical document as JSON; its size is bounded so one page cannot swamp the library. */
export const DocumentSchema = shared(() => z.custom<SerializedDocument>(
  (value) => isSerializedDocument(value) && JSON.stringify(value).length <= 20_000_000,
  'must be a Casefile document (Lexical JSON, at most 20 MB)',
));

export const noteMethods = {
  'notes.list': method<NoteSummary[]>()(() => z.object({}).strict()),
  'notes.get': method<Note>()(() => z.object({ id: Id() }).strict()),
  'notes.create': method<Note>()(() => z.object({ title: z.string().trim().min(1).max(2_000), body: DocumentSchema().optional() }).strict()),
  'notes.update': method<Note>()(() => z.object({ id: Id(), title: z.string().trim().min(1).max(2_000).optional(), body: DocumentSchema().optional() }).strict()),
  'notes.delete': method<NoteSummary>()(() => z.object({ id: Id() }).strict()),
};
