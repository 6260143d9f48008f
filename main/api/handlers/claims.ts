import type { claimMethods } from '../../../common/api/methods/claims.ts';
import * as claims from '../../services/claims.ts';
import type { HandlersFor } from './types.ts';

export const claimHandlers: HandlersFor<typeof claimMethods> = {
  'claims.update': ({ library }, input) => claims.updateClaim(library, input),
  'claims.link': ({ library }, input) => claims.linkClaims(library, input.id, input.sameAs),
  'claims.unlink': ({ library }, input) => claims.unlinkClaim(library, input.id),
  'claims.board': ({ library }, input) => claims.claimsBoard(library, input),
  'claims.markContradiction': ({ library }, input) => claims.markContradiction(library, input.id, input.otherId),
  'claims.unmarkContradiction': ({ library }, input) => claims.unmarkContradiction(library, input.id, input.otherId),
};
