// Pick one record out of the whole library: a filter field over a list the server
// narrows as you type and pages in as you scroll (or with "Show more"). A combobox over
// a listbox (the command palette's pattern): focus stays in the field, Up/Down move
// through the records (the next page comes in before the end is reached), Page Up/Down
// jump, Enter picks; Escape is the dialog's. Used inside a Dialog.
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode, type UIEvent } from 'react';
import { ApiCallError } from '../api/client.ts';
import { usePagedSearch, type Paged } from './usePagedSearch.ts';
import './record-picker.css';
import { isComposing } from './keys.ts';

export interface RecordPickerProps<T, C> {
  /** The field's visible label and accessible name, e.g. "Search claims". */
  label: string;
  placeholder?: string;
  /** The list's accessible name, e.g. "Claims". */
  listLabel: string;
  /** What the records are called, for "12 claims shown". */
  noun: { one: string; many: string };
  load(text: string, after: C | null): Promise<Paged<T, C>>;
  keyOf(item: T): string | number;
  /** The record's content; it is also the option's accessible name. */
  render(item: T): ReactNode;
  /** Why the record cannot be picked ("Already linked"), or null. */
  unavailable?(item: T): string | null;
  onPick(item: T): void;
  /** Said when nothing is listed: with nothing typed, and when the text matched nothing. */
  empty: { none: string; noMatch: string };
}

/** How far from the end of the list (in records, or pixels when scrolling) the next page is asked for. */
const AHEAD = 5;
const AHEAD_PX = 240;
const PAGE_STEP = 8;

export function RecordPicker<T, C>({ label, placeholder, listLabel, noun, load, keyOf, render, unavailable, onPick, empty }: RecordPickerProps<T, C>) {
  const id = useId();
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const { items, shownFor, loading, more, error, loadMore } = usePagedSearch(load, text);
  const list = useRef<HTMLUListElement>(null);
  const count = items?.length ?? 0;
  const current = Math.min(active, count - 1);

  // A new text starts again from the top.
  useEffect(() => {
    setActive(0);
    list.current?.scrollTo?.({ top: 0 });
  }, [shownFor]);

  useEffect(() => {
    if (current >= 0) document.getElementById(`${id}-opt-${current}`)?.scrollIntoView?.({ block: 'nearest' });
  }, [current, id]);

  // Moving towards the end brings in the next page before it is reached (after a failure, only "Show more" asks again).
  useEffect(() => {
    if (more && error === null && current >= count - AHEAD) loadMore();
  }, [current, count, more, error, loadMore]);

  const pick = (index: number) => {
    const item = items?.[index];
    if (item !== undefined && !unavailable?.(item)) onPick(item);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (isComposing(event)) return;
    const move = { ArrowDown: 1, ArrowUp: -1, PageDown: PAGE_STEP, PageUp: -PAGE_STEP }[event.key];
    if (move !== undefined) {
      event.preventDefault();
      if (count > 0) setActive(Math.max(0, Math.min(count - 1, current + move)));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      pick(current);
    }
  };

  const onScroll = (event: UIEvent<HTMLUListElement>) => {
    const el = event.currentTarget;
    if (more && error === null && el.scrollHeight - el.scrollTop - el.clientHeight < AHEAD_PX) loadMore();
  };

  const typed = shownFor.trim() !== '';
  const status =
    error !== null
      ? `Could not list the ${noun.many}: ${error instanceof ApiCallError ? error.message : 'something went wrong inside Casefile.'}`
      : items === null
        ? `Loading ${noun.many}…`
        : count === 0
          ? loading
            ? `Searching…`
            : typed
              ? empty.noMatch
              : empty.none
          : `${count} ${count === 1 ? noun.one : noun.many}${typed ? ` matching “${shownFor.trim()}”` : ''}${more ? ', more below' : ''}`;

  return (
    <div className="record-picker">
      <label htmlFor={`${id}-field`} className="field-label">
        {label}
      </label>
      <input
        id={`${id}-field`}
        type="text"
        role="combobox"
        dir="auto"
        autoComplete="off"
        spellCheck={false}
        aria-autocomplete="list"
        aria-expanded={count > 0}
        aria-controls={`${id}-list`}
        aria-activedescendant={count > 0 ? `${id}-opt-${current}` : undefined}
        aria-describedby={`${id}-status`}
        placeholder={placeholder}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <p id={`${id}-status`} className={error !== null ? 'record-picker-status error' : 'record-picker-status'} role="status" aria-busy={loading}>
        {status}
      </p>
      <ul id={`${id}-list`} ref={list} role="listbox" aria-label={listLabel} className={loading && typed ? 'record-list stale' : 'record-list'} onScroll={onScroll} hidden={count === 0}>
        {items?.map((item, index) => {
          const reason = unavailable?.(item) ?? null;
          return (
            <li
              key={keyOf(item)}
              id={`${id}-opt-${index}`}
              role="option"
              aria-selected={index === current}
              aria-disabled={reason !== null || undefined}
              className={index === current ? 'record-option active' : 'record-option'}
              // Keep focus in the field: a click picks without blurring it.
              onMouseDown={(event) => event.preventDefault()}
              onMouseMove={() => index !== current && setActive(index)}
              onClick={() => pick(index)}
            >
              {render(item)}
              {reason ? <span className="record-unavailable">{reason}</span> : null}
            </li>
          );
        })}
      </ul>
      {more ? (
        <button type="button" className="button record-more" disabled={loading} onClick={loadMore}>
          {loading ? 'Loading…' : `Show more ${noun.many}`}
        </button>
      ) : null}
    </div>
  );
}

/** The line under a record that says which article it is from. */
export function ArticleLine({ title, outlet, date }: { title: string; outlet: string | null; date: string | null }) {
  return (
    <span className="record-article">
      <span className="record-article-title" dir="auto" title={title}>
        {title}
      </span>
      {outlet || date ? <span className="record-article-meta">{[outlet, date].filter(Boolean).join(' · ')}</span> : null}
    </span>
  );
}
