import type { teamMethods } from '../../../common/api/methods/team.ts';
import { conflictsForApp, joinFromApp, resolveFromApp, syncFromApp, teamStatusForApp } from '../../team/app.ts';
import { authorsOf, makers } from '../../team/authors.ts';
import type { HandlersFor } from './types.ts';

export const teamHandlers: HandlersFor<typeof teamMethods> = {
  'team.status': ({ library, host }) => teamStatusForApp(library, host),
  'team.join': ({ library, host }, input) => joinFromApp(library, host, input.url, input.password),
  'team.sync': ({ library, host }) => syncFromApp(library, host),
  'team.conflicts': ({ library }) => conflictsForApp(library),
  'team.authors': ({ library }, input) => authorsOf(library.db, input.table, input.ids),
  'team.makers': ({ library }) => makers(library.db),
  'team.resolve': ({ library }, input) => resolveFromApp(library, input.id, input.keep),
};
