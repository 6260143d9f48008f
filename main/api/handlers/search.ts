import type { searchMethods } from '../../../common/api/methods/search.ts';
import type { connectionMethods } from '../../../common/api/methods/connections.ts';
import { palette, search } from '../../services/search/search.ts';
import { claimsBoard, markContradiction, unmarkContradiction } from '../../services/search/claims.ts';
import { actorsAlongside, claimsTimeline, edgeEvidence, relationshipMap, sourcesOverview } from '../../services/search/connections.ts';
import { acceptSuggestion, dismissSuggestion, listSuggestions, undismissSuggestion } from '../../services/search/suggestions.ts';
import type { HandlersFor } from './types.ts';

export const searchHandlers: HandlersFor<typeof searchMethods> = {
  'search.query': ({ library }, input) => search(library, input),
  'search.palette': ({ library }, input) => palette(library, input),
};

export const connectionHandlers: HandlersFor<typeof connectionMethods> = {
  'claims.board': ({ library }, input) => claimsBoard(library, input),
  'claims.markContradiction': ({ library }, input) => markContradiction(library, input.id, input.otherId),
  'claims.unmarkContradiction': ({ library }, input) => unmarkContradiction(library, input.id, input.otherId),
  'actors.alongside': ({ library }, input) => actorsAlongside(library, input),
  'sources.overview': ({ library }, input) => sourcesOverview(library, input),
  'suggestions.list': ({ library }, input) => listSuggestions(library, input),
  'suggestions.accept': ({ library }, input) => acceptSuggestion(library, input),
  'suggestions.dismiss': ({ library }, input) => dismissSuggestion(library, input),
  'suggestions.undismiss': ({ library }, input) => undismissSuggestion(library, input),
  'connections.map': ({ library }, input) => relationshipMap(library, input),
  'connections.evidence': ({ library }, input) => edgeEvidence(library, input.a, input.b),
  'connections.timeline': ({ library }, input) => claimsTimeline(library, input),
};
