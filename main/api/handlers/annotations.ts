import type { annotationMethods } from '../../../common/api/methods/annotations.ts';
import * as annotations from '../../services/annotations.ts';
import type { HandlersFor } from './types.ts';

export const annotationHandlers: HandlersFor<typeof annotationMethods> = {
  'annotations.create': ({ library }, input) => annotations.createAnnotation(library, input),
  'annotations.list': ({ library }, input) => annotations.listAnnotations(library, input),
  'annotations.find': ({ library }, input) => annotations.findAnnotations(library, input),
  'annotations.get': ({ library }, input) => annotations.getAnnotation(library, input.id),
  'annotations.update': ({ library }, input) => annotations.updateAnnotation(library, input),
  'annotations.delete': ({ library }, input) => annotations.deleteAnnotation(library, input.id),
};
