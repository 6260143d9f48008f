import type { connectionMethods } from '../../../common/api/methods/connections.ts';
import { actorsAlongside, claimsTimeline, edgeEvidence, relationshipMap, sourcesOverview } from '../../services/connections.ts';
import { acceptSuggestion, dismissSuggestion, listSuggestions, undismissSuggestion } from '../../services/search/suggestions.ts';
import type { HandlersFor } from './types.ts';

export const connectionHandlers: HandlersFor<typeof connectionMethods> = {
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
