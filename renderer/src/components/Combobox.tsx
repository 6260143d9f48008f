// A type-ahead combobox (WAI-ARIA 1.2 pattern): focus stays in the text field, Up/Down
// move through the options, Enter picks, Escape closes the list (and, when it is closed
// already, lets the key reach the popover around it).
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { isComposing } from './keys.ts';

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
  const listId = `${id}-list`;
  const [query, setQuery] = useState(initialQuery);
  const [options, setOptions] = useState<ComboOption<T>[]>([]);
  const [open, setOpen] = useState(Boolean(autoFocus));
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      loadRef.current(query).then(
        (found) => {
          if (!current) return;
          setOptions(found);
          setActive(0);
        },
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

  // The active option stays in sight as the arrow keys move past the list's edge.
  useEffect(() => {
    if (open) document.getElementById(`${id}-opt-${active}`)?.scrollIntoView?.({ block: 'nearest' });
  }, [open, active, id]);

  const pick = (option: ComboOption<T> | undefined) => {
    if (!option) return;
    onPick(option);
    setOpen(false);
    if (clearOnPick) setQuery('');
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (isComposing(event)) return;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!open) setOpen(true);
        else setActive((i) => Math.min(i + 1, options.length - 1));
        return;
      case 'ArrowUp':
        event.preventDefault();
        setActive((i) => Math.max(i - 1, 0));
        return;
      case 'Enter':
        if (open && options[active]) {
          event.preventDefault();
          pick(options[active]);
        }
        return;
      case 'Escape':
        if (open && options.length > 0) {
          event.preventDefault();
          event.stopPropagation();
          setOpen(false);
        }
        return;
    }
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
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && options[active] ? `${id}-opt-${active}` : undefined}
        placeholder={placeholder}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} role="listbox" aria-label={label} className="combobox-list" hidden={!expanded}>
        {options.map((option, index) => (
          <li
            key={option.key}
            id={`${id}-opt-${index}`}
            role="option"
            aria-selected={index === active}
            className={index === active ? 'combobox-option active' : 'combobox-option'}
            // Keep focus in the field: a click picks without blurring it first.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => pick(option)}
            onMouseEnter={() => setActive(index)}
          >
            <span className="combobox-option-label">{option.label}</span>
            {option.detail ? <span className="combobox-option-detail">{option.detail}</span> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
