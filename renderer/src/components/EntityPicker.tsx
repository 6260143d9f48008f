// Type-ahead over actors or sources (names and aliases), with "Create “…”" as the last
// option when nothing has exactly that name. A new name is sent as { name }: main finds
// it among names and aliases or creates it, in the same transaction as the link.
import type { EntitySummary, EntityKind } from '../../../common/api/methods/entities.ts';
import { RELIABILITY_GRADES } from '../../../common/api/methods/annotations.ts';
import { SOURCE_TYPES } from '../../../common/api/methods/entities.ts';
import { useApi } from '../api/ApiProvider.tsx';
import type { ApiClient } from '../api/client.ts';
import { Combobox, type ComboOption } from './Combobox.tsx';

export type EntityChoice = { id: number } | { name: string };

export function entityDetail(entity: EntitySummary): string {
  const parts: string[] = [];
  if (entity.reliability) parts.push(`${entity.reliability} — ${RELIABILITY_GRADES[entity.reliability]}`);
  if (entity.sourceType) parts.push(SOURCE_TYPES[entity.sourceType]);
  if (entity.aliases.length) parts.push(`also ${entity.aliases.join(', ')}`);
  return parts.join(' · ');
}

export async function entityOptions(api: Pick<ApiClient, 'call'>, kind: EntityKind, query: string, exclude: readonly number[] = []): Promise<ComboOption<EntityChoice>[]> {
  const q = query.trim();
  const found = await api.call('entities.list', { kind, query: q || undefined, limit: 8 });
  const options: ComboOption<EntityChoice>[] = found
    .filter((e) => !exclude.includes(e.id))
    .map((e) => ({ key: `e${e.id}`, label: e.name, detail: entityDetail(e) || undefined, value: { id: e.id } }));
  const lower = q.toLowerCase();
  const exact = found.some((e) => e.name.toLowerCase() === lower || e.aliases.some((a) => a.toLowerCase() === lower));
  if (q && !exact) options.push({ key: 'create', label: `Create “${q}”`, value: { name: q } });
  return options;
}

interface Props {
  kind: EntityKind;
  label: string;
  hideLabel?: boolean;
  initialQuery?: string;
  autoFocus?: boolean;
  /** Already chosen (e.g. the claim's claimants): not offered again. */
  exclude?: readonly number[];
  onPick(choice: EntityChoice): void;
}

export function EntityPicker({ kind, label, hideLabel, initialQuery, autoFocus, exclude, onPick }: Props) {
  const api = useApi();
  return (
    <Combobox<EntityChoice>
      label={label}
      hideLabel={hideLabel}
      placeholder={kind === 'actor' ? 'Type a name or alias…' : 'Type a source…'}
      initialQuery={initialQuery}
      autoFocus={autoFocus}
      load={(q) => entityOptions(api, kind, q, exclude)}
      onPick={(option) => onPick(option.value)}
    />
  );
}
