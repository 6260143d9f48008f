// The one list behind the three pickers (Combobox, RecordPicker, the command palette): a text
// field that keeps focus over a listbox whose options are focused virtually
// (aria-activedescendant), the WAI-ARIA 1.2 combobox pattern. React Aria does the list:
// collection state, option ids and roles, which option is active, hover, pointer and touch
// presses, and bringing the active option into view (its own scrollIntoView, on keyboard moves).
// What stays here is what the pickers share and React Aria leaves to the field: Up/Down move
// (through its ListKeyboardDelegate), Page Up/Down jump a fixed number of records, Enter picks
// the active option, and an input method's Enter is left alone.
import { memo, useCallback, useEffect, useId, useMemo, useRef, type HTMLAttributes, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { ListKeyboardDelegate, mergeProps, useListBox, useListBoxSection, useOption } from 'react-aria';
import { Item, Section, useListState, type ListState, type Node } from 'react-stately';
import { isComposing } from './keys.ts';

export type PickKey = string | number;

export interface PickGroup<T> {
  title: string;
  items: readonly T[];
}

interface Options<T> {
  /** The options, or the options in titled groups (the palette). */
  items: readonly T[] | readonly PickGroup<T>[];
  grouped?: boolean;
  keyOf(item: T): PickKey;
  /** The option's plain text (React Aria's textValue); its accessible name comes from what is rendered. */
  textOf?(item: T): string;
  /** The list's accessible name. */
  label: string;
  onPick(item: T): void;
  /** Whether the list is shown: keys move through it only then. */
  open?: boolean;
  /** Up past the first option goes to the last, and down past the last to the first. */
  wrap?: boolean;
  /** How many options Page Up/Down move; without it they are left to the field. */
  pageStep?: number;
}

export interface PickList<T> {
  state: ListState<T>;
  listRef: RefObject<HTMLDivElement | HTMLUListElement | null>;
  /** Spread on the field (role combobox): what it controls, its active option, its keys. */
  fieldProps: HTMLAttributes<HTMLInputElement>;
  listBoxProps: HTMLAttributes<HTMLElement>;
  /** Where the active option is in the list, or -1. */
  activeIndex: number;
}

/** Keys as React Aria's option ids spell them (listbox id, "-option-", key without spaces). */
function optionId(listId: string, key: PickKey): string {
  return `${listId}-option-${typeof key === 'string' ? key.replace(/\s*/g, '') : String(key)}`;
}

export function usePickList<T>({ items, grouped, keyOf, textOf = (item) => String(keyOf(item)), label, onPick, open = true, wrap = false, pageStep }: Options<T>): PickList<T> {
  const listId = useId();
  const listRef = useRef<HTMLDivElement | HTMLUListElement | null>(null);
  const flat = useMemo(() => (grouped ? (items as readonly PickGroup<T>[]).flatMap((g) => g.items) : (items as readonly T[])), [items, grouped]);
  // The collection is rebuilt only when the options change, not on every keystroke's render.
  const keyRef = useRef(keyOf);
  keyRef.current = keyOf;
  const textRef = useRef(textOf);
  textRef.current = textOf;
  const children = useCallback(
    (entry: T | PickGroup<T>) => {
      const option = (item: T) => (
        <Item key={String(keyRef.current(item))} textValue={textRef.current(item)}>
          {textRef.current(item)}
        </Item>
      );
      if (!grouped) return option(entry as T);
      const group = entry as PickGroup<T>;
      return (
        <Section key={`group-${group.title}`} title={group.title} items={group.items}>
          {option}
        </Section>
      );
    },
    [grouped],
  );
  const state = useListState<T | PickGroup<T>>({
    items: items as Iterable<T | PickGroup<T>>,
    selectionMode: 'none',
    children: children as never,
  }) as ListState<T>;
  const manager = state.selectionManager;
  // React Aria's collection keys are the elements' React keys: strings, whatever keyOf returns.
  const byKey = useMemo(() => new Map<PickKey, T>(flat.map((item) => [String(keyOf(item)), item] as const)), [flat, keyOf]);
  const keys = useMemo(() => [...byKey.keys()], [byKey]);

  // The first option is active as soon as there are options, so Enter picks at once (the
  // "Create “…”" option after a selection, the top match after typing).
  const focused = manager.focusedKey;
  const current = focused != null && byKey.has(focused) ? focused : (keys[0] ?? null);
  useEffect(() => {
    if (current !== focused) manager.setFocusedKey(current);
  }, [current, focused, manager]);

  const delegate = useMemo(() => new ListKeyboardDelegate({ collection: state.collection, ref: listRef, disabledBehavior: 'selection' }), [state.collection]);

  const pickRef = useRef(onPick);
  pickRef.current = onPick;
  const { listBoxProps } = useListBox(
    {
      id: listId,
      'aria-label': label,
      shouldUseVirtualFocus: true,
      shouldFocusOnHover: true,
      onAction: (key) => {
        const item = byKey.get(key);
        if (item !== undefined) pickRef.current(item);
      },
    },
    state,
    listRef as RefObject<HTMLElement | null>,
  );

  const move = (key: PickKey | null) => {
    if (key == null) return;
    // React Aria scrolls the active option into view only for keyboard moves while the list "has focus".
    manager.setFocused(true);
    manager.setFocusedKey(key);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    // An input method (Urdu, Persian, Chinese, Japanese typing) owns the keys while it composes.
    if (isComposing(event)) return;
    if (!open || keys.length === 0) return;
    const index = current == null ? -1 : keys.indexOf(current);
    switch (event.key) {
      case 'ArrowDown': {
        event.preventDefault();
        const below = current == null ? delegate.getFirstKey() : delegate.getKeyBelow(current);
        move(below ?? (wrap ? delegate.getFirstKey() : null));
        return;
      }
      case 'ArrowUp': {
        event.preventDefault();
        const above = current == null ? delegate.getLastKey() : delegate.getKeyAbove(current);
        move(above ?? (wrap ? delegate.getLastKey() : null));
        return;
      }
      case 'PageDown':
      case 'PageUp':
        if (pageStep === undefined) return;
        event.preventDefault();
        move(keys[Math.max(0, Math.min(keys.length - 1, index + (event.key === 'PageDown' ? pageStep : -pageStep)))] ?? null);
        return;
      case 'Enter': {
        const item = current == null ? undefined : byKey.get(current);
        if (item === undefined) return;
        event.preventDefault();
        onPick(item);
        return;
      }
    }
  };

  const shown = open && keys.length > 0;
  return {
    state,
    listRef,
    fieldProps: {
      role: 'combobox',
      'aria-autocomplete': 'list',
      'aria-expanded': shown,
      'aria-controls': listId,
      'aria-activedescendant': shown && current != null ? optionId(listId, current) : undefined,
      onKeyDown,
      onFocus: () => manager.setFocused(true),
      onBlur: () => manager.setFocused(false),
    },
    listBoxProps,
    activeIndex: current == null ? -1 : keys.indexOf(current),
  };
}

interface OptionProps<T> {
  state: ListState<T>;
  node: Node<T>;
  className: string;
  /** Why the option cannot be picked (it stays reachable, marked aria-disabled). */
  disabled?: boolean;
  children: ReactNode;
  as?: 'li' | 'div';
}

/** One option: React Aria's props, with the active one marked aria-selected and "active" as before. */
function PickOptionView<T>({ state, node, className, disabled, children, as: Tag = 'li', active }: OptionProps<T> & { active: boolean; listFocused: boolean }) {
  const ref = useRef<HTMLElement>(null);
  const { optionProps } = useOption({ key: node.key }, state, ref);
  const props = mergeProps(optionProps, {
    // The APG combobox marks the option Enter would pick as selected.
    'aria-selected': active,
    'aria-disabled': disabled || undefined,
    className: active ? `${className} active` : className,
    // Keep focus in the field: a press picks without blurring it first.
    onMouseDown: (event: MouseEvent) => event.preventDefault(),
  });
  return (
    <Tag {...props} ref={ref as never}>
      {children}
    </Tag>
  );
}

/**
 * A move of the active option re-renders only the two options it concerns, not the hundreds
 * a long record list holds: an option's content follows from its node, so it is not compared.
 */
const MemoOption = memo(
  PickOptionView,
  (a, b) =>
    a.node === b.node &&
    a.state.collection === b.state.collection &&
    a.active === b.active &&
    a.listFocused === b.listFocused &&
    a.disabled === b.disabled &&
    a.className === b.className,
) as typeof PickOptionView;

export function PickOption<T>(props: OptionProps<T>) {
  const manager = props.state.selectionManager;
  return <MemoOption {...props} active={manager.focusedKey === props.node.key} listFocused={manager.isFocused} />;
}

/** A titled group of options (the palette's Articles, Claims, …). */
export function PickSection<T>({ state, node, className, headingClassName, renderOption }: { state: ListState<T>; node: Node<T>; className: string; headingClassName: string; renderOption(node: Node<T>): ReactNode }) {
  const { itemProps, headingProps, groupProps } = useListBoxSection({ heading: node.rendered, 'aria-label': node['aria-label'] });
  return (
    <div {...itemProps} className={className}>
      <div {...headingProps} className={headingClassName}>
        {node.rendered}
      </div>
      <div {...groupProps}>{[...state.collection.getChildren!(node.key)].map((child) => renderOption(child))}</div>
    </div>
  );
}
