// User-defined codes beyond the three built-in kinds; nestable.
import { z } from 'zod';
import { Id, method, shared } from '../define.ts';

export interface Tag {
  id: number;
  name: string;
  parentId: number | null;
  color: string | null;
  annotationCount: number;
}

const Color = shared(() => z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #a1b2c3'));

export const tagMethods = {
  'tags.list': method<Tag[]>()(() => z.object({}).strict()),
  'tags.create': method<Tag>()(() =>
    z.object({ name: z.string().trim().min(1).max(100), parentId: Id().nullable().optional(), color: Color().nullable().optional() }).strict(),
  ),
  'tags.update': method<Tag>()(() =>
    z.object({ id: Id(), name: z.string().trim().min(1).max(100).optional(), parentId: Id().nullable().optional(), color: Color().nullable().optional() }).strict(),
  ),
  'tags.delete': method<Tag>()(() => z.object({ id: Id() }).strict()),
};
