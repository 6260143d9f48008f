// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { key, render, waitFor } from '../connections/test-helpers.tsx';
import { Combobox, type ComboOption } from './Combobox.tsx';

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

const OPTIONS: ComboOption<number>[] = Array.from({ length: 30 }, (_, i) => ({ key: `o${i}`, label: `Option ${i}`, value: i }));

function setup() {
  const onPick = vi.fn();
  const scrolled: string[] = [];
  // jsdom lays nothing out: record which option was asked to come into view.
  Element.prototype.scrollIntoView = function (this: Element) {
    scrolled.push(this.id);
  };
  const view = render(<Combobox<number> label="Claimant" autoFocus load={() => Promise.resolve(OPTIONS)} onPick={onPick} />);
  cleanup = view.unmount;
  return { onPick, scrolled, input: view.container.querySelector('input')!, container: view.container };
}

describe('Combobox', () => {
  it('leaves an input method’s Enter alone: composing Urdu or Chinese picks nothing', async () => {
    const { onPick, input, container } = setup();
    await waitFor(() => container.querySelectorAll('[role="option"]').length === 30);
    key(input, 'Enter', { isComposing: true });
    key(input, 'Enter', { keyCode: 229 });
    expect(onPick).not.toHaveBeenCalled();
    key(input, 'Enter');
    expect(onPick).toHaveBeenCalledWith(OPTIONS[0]);
  });

  it('keeps the active option in view as the arrow keys move down the list', async () => {
    const { scrolled, input, container } = setup();
    await waitFor(() => container.querySelectorAll('[role="option"]').length === 30);
    for (let i = 0; i < 12; i += 1) key(input, 'ArrowDown');
    const twelfth = container.querySelectorAll('[role="option"]')[12]!;
    expect(input.getAttribute('aria-activedescendant')).toBe(twelfth.id);
    // React Aria brings it into view on the next frame.
    await waitFor(() => scrolled.at(-1) === twelfth.id);
  });

  it('picks the option the arrow keys moved to with Enter; Escape closes the list, then is left to the popover around it', async () => {
    const { onPick, input, container } = setup();
    await waitFor(() => container.querySelectorAll('[role="option"]').length === 30);
    key(input, 'ArrowDown');
    key(input, 'ArrowDown');
    key(input, 'ArrowUp');
    key(input, 'ArrowDown');
    key(input, 'ArrowDown');
    key(input, 'Enter');
    expect(onPick).toHaveBeenCalledWith(OPTIONS[3]);
    expect(input.getAttribute('aria-expanded')).toBe('false');

    // What reaches the page around the field (React listens on its root, the container itself).
    const outer: string[] = [];
    document.body.addEventListener('keydown', (event) => outer.push(`${event.key}${event.defaultPrevented ? ' (handled)' : ''}`));
    key(input, 'ArrowDown');
    expect(input.getAttribute('aria-expanded')).toBe('true');
    key(input, 'Escape');
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect(container.querySelector('[role="listbox"]')!.hasAttribute('hidden')).toBe(true);
    key(input, 'Escape');
    expect(outer).toEqual(['ArrowDown (handled)', 'Escape']);
  });
});
