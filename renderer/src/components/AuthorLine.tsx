// "Highlighted by Amina" with the member's initials in their colour: who made a record, from
// the team library (or this library's own change log when it is not shared).
import { useEffect, useState } from 'react';
import type { MemberBadge } from '../../../common/api/methods/team.ts';
import { useApi } from '../api/ApiProvider.tsx';

export function AuthorBadge({ badge }: { badge: MemberBadge }) {
  return (
    <span className="author-badge" style={{ background: badge.color }} title={badge.name} aria-hidden="true">
      {badge.initials}
    </span>
  );
}

export function AuthorLine({ table, id, verb }: { table: 'annotation' | 'note' | 'entity'; id: number; verb: string }) {
  const api = useApi();
  const [badge, setBadge] = useState<MemberBadge | null>(null);
  useEffect(() => {
    let live = true;
    api.call('team.authors', { table, ids: [id] }).then(
      (found) => live && setBadge(found[id] ?? null),
      () => live && setBadge(null),
    );
    return () => {
      live = false;
    };
  }, [api, table, id]);
  if (!badge) return null;
  return (
    <p className="author-line">
      <AuthorBadge badge={badge} /> {verb} by {badge.name}
    </p>
  );
}
