// Settings: the name this library signs your changes with (History shows it beside each
// change; teammates see it). The same setting as `casefile config set author NAME`.
import { useEffect, useId, useState } from 'react';
import type { LibrarySettings } from '../../../common/api/methods/library.ts';
import { useApi } from '../api/ApiProvider.tsx';
import { useServices } from './services.tsx';

export function AuthorSetting() {
  const api = useApi();
  const { reportError, announce } = useServices();
  const id = useId();
  const [settings, setSettings] = useState<LibrarySettings | null>(null);
  const [draft, setDraft] = useState('');
  useEffect(() => {
    api.call('library.settings', {}).then(
      (s) => {
        setSettings(s);
        setDraft(s.authorIsDefault ? '' : s.author);
      },
      (e: unknown) => reportError(e, 'Could not read the settings'),
    );
  }, [api, reportError]);
  const save = (e: React.FormEvent) => {
    e.preventDefault();
    if (!draft.trim()) return;
    api.call('library.setAuthor', { author: draft }).then(
      (s) => {
        setSettings(s);
        announce(`Your changes are now signed “${s.author}”.`);
      },
      (error: unknown) => reportError(error, 'Could not save your name'),
    );
  };
  return (
    <section>
      <h3>Your name</h3>
      <form className="author-setting" onSubmit={save}>
        <label htmlFor={id} className="hint">
          Signs your changes in this library’s history{settings?.authorIsDefault ? ` (now your account name, “${settings.author}”)` : ''}.
        </label>
        {/* Disabled until the settings arrive: a name typed earlier would be replaced by the stored one. */}
        <input id={id} type="text" value={draft} maxLength={100} disabled={!settings} placeholder={settings?.author ?? ''} onChange={(e) => setDraft(e.target.value)} />
        <button type="submit" className="button" disabled={!draft.trim() || draft.trim() === settings?.author}>
          Save
        </button>
      </form>
    </section>
  );
}
