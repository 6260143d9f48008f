// Editing an article's details (title, byline, outlet, date, address, language and
// direction) after import: import guesses them, the researcher has the last word. Below
// the form, where the text was published and near-copies waiting for an answer.
import { useState, type FormEvent } from 'react';
import type { Article } from '../../../common/api/methods/articles.ts';
import { useApi } from '../api/ApiProvider.tsx';
import { Dialog } from '../components/Dialog.tsx';
import { HistoryPanel } from '../components/HistoryPanel.tsx';
import { useServices } from '../shell/services.tsx';
import { ArticleProvenance } from './ArticleProvenance.tsx';

const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

export function DetailsDialog({ article, onSaved, onClose }: { article: Article; onSaved(article: Article): void; onClose(): void }) {
  const api = useApi();
  const { reportError } = useServices();
  const [form, setForm] = useState({
    title: article.title,
    byline: article.byline ?? '',
    outlet: article.outlet ?? '',
    url: article.url ?? '',
    publishedAt: article.publishedAt?.slice(0, 10) ?? '',
    language: article.language ?? '',
    direction: article.direction,
  });
  const [saving, setSaving] = useState(false);
  const set = (key: keyof typeof form) => (event: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: event.target.value }));

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    try {
      // A full datetime from import is kept unless the date itself was changed.
      const publishedAt = form.publishedAt === (article.publishedAt?.slice(0, 10) ?? '') ? article.publishedAt : orNull(form.publishedAt);
      const saved = await api.call('articles.updateMetadata', {
        id: article.id,
        metadata: {
          title: form.title.trim(),
          byline: orNull(form.byline),
          outlet: orNull(form.outlet),
          url: orNull(form.url),
          publishedAt,
          language: orNull(form.language),
          direction: form.direction,
        },
      });
      onSaved(saved);
      onClose();
    } catch (error) {
      reportError(error, 'The details were not saved');
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog title="Article details" onClose={onClose}>
      <form onSubmit={(e) => void save(e)}>
        <label className="field">
          <span className="field-label">Title</span>
          <input type="text" value={form.title} onChange={set('title')} required maxLength={2000} dir="auto" />
        </label>
        <div className="field-row">
          <label className="field">
            <span className="field-label">Outlet</span>
            <input type="text" value={form.outlet} onChange={set('outlet')} maxLength={500} dir="auto" />
          </label>
          <label className="field">
            <span className="field-label">Byline</span>
            <input type="text" value={form.byline} onChange={set('byline')} maxLength={1000} dir="auto" />
          </label>
        </div>
        <div className="field-row">
          <label className="field">
            <span className="field-label">Published</span>
            <input type="date" value={form.publishedAt} onChange={set('publishedAt')} />
          </label>
          <label className="field">
            <span className="field-label">Language code</span>
            <input type="text" value={form.language} onChange={set('language')} placeholder="e.g. en, ur, fa" maxLength={35} />
          </label>
        </div>
        <label className="field">
          <span className="field-label">Web address</span>
          <input type="url" value={form.url} onChange={set('url')} placeholder="https://…" dir="ltr" />
        </label>
        <label className="field">
          <span className="field-label">Text direction</span>
          <select value={form.direction} onChange={set('direction')}>
            <option value="ltr">Left to right</option>
            <option value="rtl">Right to left (Urdu, Arabic, Persian, Hebrew)</option>
          </select>
        </label>
        <div className="button-row">
          <button type="submit" className="button primary" disabled={saving || form.title.trim() === ''}>
            {saving ? 'Saving…' : 'Save details'}
          </button>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
      <ArticleProvenance article={article} onChanged={onSaved} />
      <HistoryPanel of={{ articleId: article.id }} title="History of this article" />
    </Dialog>
  );
}
