import type { entityMethods } from '../../../common/api/methods/entities.ts';
import * as entities from '../../services/entities.ts';
import type { HandlersFor } from './types.ts';

export const entityHandlers: HandlersFor<typeof entityMethods> = {
  'entities.list': ({ library }, input) => entities.listEntities(library, input),
  'entities.get': ({ library }, input) => entities.getEntityDetail(library, input.id),
  'entities.create': ({ library }, input) => entities.createEntity(library, input),
  'entities.update': ({ library }, input) => entities.updateEntity(library, input),
  'entities.merge': ({ library }, input) => entities.mergeEntities(library, input.keepId, input.mergeId),
};
