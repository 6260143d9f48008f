// A type-ahead combobox (WAI-ARIA 1.2 pattern, on React Aria through usePickList): focus
// stays in the text field, Up/Down move through the options, Enter picks, Escape closes the
// list (and, when it is closed already, lets the key reach the popover around it).
import { useEffect, useId, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { isComposing } from './keys.ts';
import { PickOption, usePickList } from './usePickList.tsx';

export interface ComboOption<T> {
  key: string;
  label: string;
  /** A second line: aliases, reliability, counts. */
  detail?: string;
  value: T;
}

interface Props<T> {
  label: string;
  /** Hide the label visually (it is still the field's accessible name). */
  hideLabel?: boolean;
  placeholder?: string;
  initialQuery?: string;
  autoFocus?: boolean;
  load(query: string): Promise<ComboOption<T>[]>;
  onPick(option: ComboOption<T>): void;
  /** Clear the field after a pick (adding several claimants), or keep the picked text. */
  clearOnPick?: boolean;
}

export function Combobox<T>({ label, hideLabel, placeholder, initialQuery = '', autoFocus, load, onPick, clearOnPick = true }: Props<T>) {
  const id = useId();
  const [query, setQuery] = useState(initialQuery);
  const [options, setOptions] = useState<ComboOption<T>[]>([]);
  const [open, setOpen] = useState(Boolean(autoFocus));
  const input = useRef<HTMLInputElement>(null);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      loadRef.current(query).then(
        (found) => current && setOptions(found),
        () => current && setOptions([]),
      );
    }, 80);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query]);

  useEffect(() => {
    if (autoFocus) {
      input.current?.focus();
      input.current?.select();
    }
  }, [autoFocus]);

  const pick = (option: ComboOption<T>) => {
    onPick(option);
    setOpen(false);
    if (clearOnPick) setQuery('');
  };
  const list = usePickList<ComboOption<T>>({ items: options, keyOf: (o) => o.key, textOf: (o) => o.label, label, onPick: pick, open });

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (isComposing(event)) return;
    if (event.key === 'ArrowDown' && !open) {
      event.preventDefault();
      setOpen(true);
      return;
    }
    if (event.key === 'Escape' && open && options.length > 0) {
      // Closes the list; when it is closed already, Escape reaches the popover around it.
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
      return;
    }
    list.fieldProps.onKeyDown?.(event);
  };

  const expanded = open && options.length > 0;
  return (
    <div className="combobox">
      <label htmlFor={`${id}-input`} className={hideLabel ? 'visually-hidden' : 'field-label'}>
        {label}
      </label>
      <input
        ref={input}
        id={`${id}-input`}
        type="text"
        {...list.fieldProps}
        autoComplete="off"
        spellCheck={false}
        placeholder={placeholder}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setOpen(true);
        }}
        onFocus={(e) => {
          list.fieldProps.onFocus?.(e);
          setOpen(true);
        }}
        onBlur={(e) => {
          // React Aria moves its virtual focus with synthetic (untrusted) blur events: only a real blur closes the list.
          if (!e.nativeEvent.isTrusted) return;
          list.fieldProps.onBlur?.(e);
          setOpen(false);
        }}
        onKeyDown={onKeyDown}
      />
      <ul {...list.listBoxProps} ref={list.listRef as RefObject<HTMLUListElement>} className="combobox-list" hidden={!expanded}>
        {[...list.state.collection].map((node) => (
          <PickOption key={node.key} state={list.state} node={node} className="combobox-option">
            <span className="combobox-option-label">{node.value!.label}</span>
            {node.value!.detail ? <span className="combobox-option-detail">{node.value!.detail}</span> : null}
          </PickOption>
        ))}
      </ul>
    </div>
  );
}
