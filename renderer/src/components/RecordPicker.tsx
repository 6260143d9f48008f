// Pick one record out of the whole library: a filter field over a list the server
// narrows as you type and pages in as you scroll (or with "Show more"). A combobox over
// a listbox (the command palette's pattern, on React Aria through usePickList): focus stays
// in the field, Up/Down move through the records (the next page comes in before the end is
// reached), Page Up/Down jump, Enter picks; Escape is the dialog's. Used inside a Dialog.
import { useEffect, useId, useMemo, useRef, useState, type ReactNode, type RefObject, type UIEvent } from 'react';
import { ApiCallError } from '../api/client.ts';
import { usePagedSearch, type Paged } from './usePagedSearch.ts';
import './record-picker.css';
import { PickOption, usePickList } from './usePickList.tsx';

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
  const { items, shownFor, loading, more, error, loadMore } = usePagedSearch(load, text);
  const records = useMemo(() => items ?? [], [items]);
  const count = records.length;
  const pick = (item: T) => {
    if (!unavailable?.(item)) onPick(item);
  };
  const list = usePickList<T>({ items: records, keyOf, label: listLabel, onPick: pick, pageStep: PAGE_STEP });
  const current = list.activeIndex;

  // A new text starts again from the top.
  // (React Aria makes a new selection manager with each page of records: read the latest one.)
  const manager = useRef(list.state.selectionManager);
  manager.current = list.state.selectionManager;
  const listRef = list.listRef;
  useEffect(() => {
    manager.current.setFocusedKey(null);
    listRef.current?.scrollTo?.({ top: 0 });
  }, [shownFor, listRef]);

  // Moving towards the end brings in the next page before it is reached (after a failure, only "Show more" asks again).
  useEffect(() => {
    if (more && error === null && current >= 0 && current >= count - AHEAD) loadMore();
  }, [current, count, more, error, loadMore]);

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
        {...list.fieldProps}
        dir="auto"
        autoComplete="off"
        spellCheck={false}
        aria-describedby={`${id}-status`}
        placeholder={placeholder}
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      <p id={`${id}-status`} className={error !== null ? 'record-picker-status error' : 'record-picker-status'} role="status" aria-busy={loading}>
        {status}
      </p>
      <ul
        {...list.listBoxProps}
        ref={list.listRef as RefObject<HTMLUListElement>}
        className={loading && typed ? 'record-list stale' : 'record-list'}
        onScroll={onScroll}
        hidden={count === 0}
      >
        {[...list.state.collection].map((node) => {
          const reason = unavailable?.(node.value!) ?? null;
          return (
            <PickOption key={node.key} state={list.state} node={node} className="record-option" disabled={reason !== null}>
              {render(node.value!)}
              {reason ? <span className="record-unavailable">{reason}</span> : null}
            </PickOption>
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
