// A line under the article's title when its text was carried by other outlets, or when
// it is probably the same story as articles already here and waits for the researcher's
// answer. Details shows both in full.
import type { Article } from '../../../common/api/methods/articles.ts';

export function StoryNotice({ article, onOpen }: { article: Article; onOpen(): void }) {
  const carriedBy = article.appearances.slice(1).map((a) => a.outlet ?? a.url ?? 'another address');
  const undecided = article.sameStory.filter((s) => s.status === 'suggested').length;
  if (carriedBy.length === 0 && undecided === 0) return null;
  return (
    <p className="story-notice">
      {carriedBy.length ? <span>Also carried by {carriedBy.join(', ')}. </span> : null}
      {undecided ? <span>Probably the same story as {undecided === 1 ? 'one other article' : `${undecided} other articles`}. </span> : null}
      <button type="button" className="link-button" onClick={onOpen}>
        {undecided ? 'Review' : 'Show where'}
      </button>
    </p>
  );
}
