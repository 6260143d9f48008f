// Actors: people, groups, states and organisations named in the articles.
import { EntitiesView } from '../entities/EntitiesView.tsx';
import type { Route } from '../shell/route.ts';

export function ActorsView({ route }: { route: Route }) {
  return <EntitiesView kind="actor" route={route} />;
}
