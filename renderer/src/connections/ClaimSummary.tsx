// One claim as the board, the map's evidence list and the timeline show it: the quote,
// where and when it was reported, who claims it, on whose authority, and how credible.
import type { ClaimCard } from '../../../common/api/methods/connections.ts';
import { CREDIBILITY_GRADES } from '../../../common/api/methods/annotations.ts';
import { formatDate } from '../format.ts';

export function clip(text: string, width: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= width ? flat : `${flat.slice(0, width - 1)}…`;
}

export function reportedIn(claim: ClaimCard): string {
  return [claim.outlet ?? 'Unknown outlet', claim.publishedAt ? formatDate(claim.publishedAt) : 'undated'].join(' · ');
}

export function ClaimSummary({ claim, quoteLength = 320 }: { claim: ClaimCard; quoteLength?: number }) {
  const who = [
    claim.claimants.length ? `Claimed by ${claim.claimants.map((e) => e.name).join(', ')}` : null,
    claim.sources.length ? `on the authority of ${claim.sources.map((e) => `${e.name}${e.reliability ? ` (${e.reliability})` : ''}`).join(', ')}` : null,
  ].filter(Boolean);
  return (
    <span className="cf-claim">
      <q className="cf-claim-quote" dir="auto">
        {clip(claim.quote, quoteLength)}
      </q>
      <span className="cf-claim-meta">
        <span className="cf-claim-where">{reportedIn(claim)}</span>
        <span className="cf-claim-article" dir="auto">
          {claim.articleTitle}
        </span>
      </span>
      {who.length || claim.credibility ? (
        <span className="cf-claim-who">
          {who.join(' ')}
          {claim.credibility ? (
            <span className="cf-claim-credibility" title={CREDIBILITY_GRADES[claim.credibility]}>
              {who.length ? ' · ' : ''}Credibility {claim.credibility}
            </span>
          ) : null}
        </span>
      ) : null}
      {claim.anchorStatus === 'orphan' ? <span className="anchor-badge anchor-orphan">Passage lost</span> : null}
    </span>
  );
}
