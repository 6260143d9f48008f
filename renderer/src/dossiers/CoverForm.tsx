// The dossier's name and cover fields, each saved when it loses focus (or on Enter).
import { useEffect, useState, type FormEvent } from 'react';
import type { Dossier } from '../../../common/api/methods/dossiers.ts';

export type CoverPatch = { name?: string; title?: string; author?: string; date?: string | null; handling?: string };

export function CoverForm({ dossier, onSave }: { dossier: Dossier; onSave(patch: CoverPatch): void }) {
  const [draft, setDraft] = useState({ name: dossier.name, title: dossier.title, author: dossier.author, date: dossier.date ?? '', handling: dossier.handling });
  // A saved field comes back from the library; only that field's draft follows it, so a
  // save of one field never wipes what is being typed in another.
  useEffect(() => setDraft((d) => ({ ...d, name: dossier.name })), [dossier.name]);
  useEffect(() => setDraft((d) => ({ ...d, title: dossier.title })), [dossier.title]);
  useEffect(() => setDraft((d) => ({ ...d, author: dossier.author })), [dossier.author]);
  useEffect(() => setDraft((d) => ({ ...d, date: dossier.date ?? '' })), [dossier.date]);
  useEffect(() => setDraft((d) => ({ ...d, handling: dossier.handling })), [dossier.handling]);

  // Each field is saved when it loses focus (or on Enter), if it changed.
  const commit = (field: keyof typeof draft) => {
    const value = draft[field].trim();
    if (field === 'name' && !value) {
      setDraft((d) => ({ ...d, name: dossier.name }));
      return;
    }
    const current = field === 'date' ? (dossier.date ?? '') : dossier[field];
    if (value === current) return;
    onSave(field === 'date' ? { date: value || null } : { [field]: value });
  };
  const input = (field: keyof typeof draft, label: string, props: { type?: string; placeholder?: string; maxLength?: number } = {}) => (
    <label className="field">
      <span className="field-label">{label}</span>
      <input
        type={props.type ?? 'text'}
        value={draft[field]}
        placeholder={props.placeholder}
        maxLength={props.maxLength}
        dir={props.type === 'date' ? undefined : 'auto'}
        onChange={(event) => setDraft((d) => ({ ...d, [field]: event.target.value }))}
        onBlur={() => commit(field)}
      />
    </label>
  );
  return (
    <form className="dossier-section" aria-labelledby="dossier-cover" onSubmit={(event: FormEvent) => {
      event.preventDefault();
      for (const field of Object.keys(draft) as (keyof typeof draft)[]) commit(field);
    }}>
      <h2 id="dossier-cover">Name and cover</h2>
      {input('name', 'Name in the library', { maxLength: 300 })}
      {input('title', 'Title on the cover', { placeholder: dossier.name, maxLength: 500 })}
      <div className="field-row">
        {input('author', 'Prepared by', { maxLength: 300 })}
        {input('date', 'Date (empty: the day of export)', { type: 'date' })}
      </div>
      {input('handling', 'Handling line', { placeholder: 'e.g. Restricted – not for publication', maxLength: 300 })}
      <button type="submit" hidden />
    </form>
  );
}
