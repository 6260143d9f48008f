// A search snippet: the matched words marked. Built from segments as React text, never
// as HTML, so nothing from an article can become markup.
import type { SnippetSegment } from '../../../common/api/methods/search.ts';

export function Snippet({ segments, className = 'cf-snippet' }: { segments: readonly SnippetSegment[]; className?: string }) {
  return (
    <span className={className} dir="auto">
      {segments.map((segment, i) => (segment.match ? <mark key={i}>{segment.text}</mark> : <span key={i}>{segment.text}</span>))}
    </span>
  );
}

export const KIND_NAMES: Record<string, string> = {
  article: 'Article',
  claim: 'Claim',
  actor: 'Actor',
  source: 'Source',
  highlight: 'Highlight',
  note: 'Notebook page',
};
