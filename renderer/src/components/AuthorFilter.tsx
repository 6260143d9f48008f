// "By: everyone / Amina / Bilal": the one author filter of History, search and the claims
// board. It shows once there is more than one name to choose from (a team, or a library whose
// author was renamed), and stays while a name is chosen, so the choice can be undone.
import { useCallback, useEffect, useId, useState } from 'react';
import { useApi } from '../api/ApiProvider.tsx';
import { useLibraryChanged } from '../api/useLibraryChanged.ts';

interface AuthorFilterProps {
  names: readonly string[];
  /** The chosen name, '' for everyone. */
  value: string;
  onChange(name: string): void;
  /** 'inline': "By [everyone]" in a line of text; 'field': a labelled field among other filters. */
  layout: 'inline' | 'field';
  label?: string;
}

export function AuthorFilter({ names, value, onChange, layout, label = 'By' }: AuthorFilterProps) {
  const id = useId();
  if (names.length < 2 && !value) return null;
  const select = (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">everyone</option>
      {names.map((name) => (
        <option key={name} value={name}>
          {name}
        </option>
      ))}
      {value && !names.includes(value) ? <option value={value}>{value}</option> : null}
    </select>
  );
  return layout === 'field' ? (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      {select}
    </div>
  ) : (
    <div className="author-filter">
      <label htmlFor={id}>{label}</label> {select}
    </div>
  );
}

/**
 * Everyone who made a record in this library (team members by their team names), for the
 * filters of search and the claims board. Read when the view opens and again once a burst of
 * changes has settled (a new name comes with a teammate's sync or a renamed author), not on
 * every keystroke's save: the list reads the whole change log's authors.
 */
export function useMakers(): string[] {
  const api = useApi();
  const [names, setNames] = useState<string[]>([]);
  const load = useCallback(() => {
    api.call('team.makers', {}).then((makers) => setNames(makers.map((m) => m.name)), () => undefined);
  }, [api]);
  useEffect(load, [load]);
  useLibraryChanged(load, { delayMs: 2_000 });
  return names;
}
