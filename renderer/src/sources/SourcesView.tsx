// Sources: outlets, officials, documents and anonymous sources, graded A-F.
import { EntitiesView } from '../entities/EntitiesView.tsx';
import type { Route } from '../shell/route.ts';

export function SourcesView({ route }: { route: Route }) {
  return <EntitiesView kind="source" route={route} />;
}
