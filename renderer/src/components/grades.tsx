// The Admiralty scales and source types as selects, each option with its meaning shown:
// "B — Usually reliable", "2 — Probably true".
import { useEffect, useId, useState } from 'react';
import { CREDIBILITY_GRADES, RELIABILITY_GRADES, type Credibility, type Reliability } from '../../../common/api/methods/annotations.ts';
import { SOURCE_TYPES, type SourceType } from '../../../common/api/methods/entities.ts';

export function reliabilityText(grade: Reliability): string {
  return `${grade} — ${RELIABILITY_GRADES[grade]}`;
}

export function credibilityText(grade: Credibility): string {
  return `${grade} — ${CREDIBILITY_GRADES[grade]}`;
}

interface SelectProps<T> {
  label: string;
  value: T | null;
  onChange(value: T | null): void;
  disabled?: boolean;
}

/**
 * The select shows the user's choice at once while it is saved: with a purely controlled
 * select, a second arrow key pressed before the save returns would start from the old value.
 */
function useOptimistic<T>(value: T | null, onChange: (value: T | null) => void): [T | null, (value: T | null) => void] {
  const [shown, setShown] = useState(value);
  useEffect(() => setShown(value), [value]);
  return [
    shown,
    (next) => {
      setShown(next);
      onChange(next);
    },
  ];
}

export function ReliabilitySelect({ label, value: saved, onChange: save, disabled }: SelectProps<Reliability>) {
  const id = useId();
  const [value, onChange] = useOptimistic(saved, save);
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">{label}</label>
      <select id={id} value={value ?? ''} disabled={disabled} onChange={(e) => onChange(e.target.value === '' ? null : (e.target.value as Reliability))}>
        <option value="">Not graded</option>
        {(Object.keys(RELIABILITY_GRADES) as Reliability[]).map((g) => (
          <option key={g} value={g}>{reliabilityText(g)}</option>
        ))}
      </select>
    </div>
  );
}

export function CredibilitySelect({ label, value: saved, onChange: save, disabled }: SelectProps<Credibility>) {
  const id = useId();
  const [value, onChange] = useOptimistic(saved, save);
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">{label}</label>
      <select
        id={id}
        value={value ?? ''}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value === '' ? null : (Number(e.target.value) as Credibility))}
      >
        <option value="">Not graded</option>
        {([1, 2, 3, 4, 5, 6] as Credibility[]).map((g) => (
          <option key={g} value={g}>{credibilityText(g)}</option>
        ))}
      </select>
    </div>
  );
}

export function SourceTypeSelect({ label, value: saved, onChange: save, disabled }: SelectProps<SourceType>) {
  const id = useId();
  const [value, onChange] = useOptimistic(saved, save);
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">{label}</label>
      <select id={id} value={value ?? ''} disabled={disabled} onChange={(e) => onChange(e.target.value === '' ? null : (e.target.value as SourceType))}>
        <option value="">Not set</option>
        {(Object.keys(SOURCE_TYPES) as SourceType[]).map((t) => (
          <option key={t} value={t}>{SOURCE_TYPES[t]}</option>
        ))}
      </select>
    </div>
  );
}
