import type { historyMethods } from '../../../common/api/methods/history.ts';
import * as history from '../../services/history.ts';
import type { HandlerContext, HandlersFor } from './types.ts';

function sessionOf(context: HandlerContext): history.HistorySession {
  if (!context.session) throw new Error('history.* needs a session: call through createDispatcher.');
  return context.session;
}

export const historyHandlers: HandlersFor<typeof historyMethods> = {
  'history.undo': (context) => history.undo(context.library, sessionOf(context)),
  'history.redo': (context) => history.redo(context.library, sessionOf(context)),
  'history.state': (context) => sessionOf(context).state(context.library.db),
  'history.list': ({ library }, input) => history.listHistory(library, input),
  'history.authors': ({ library }) => history.listHistoryAuthors(library),
};
