// Rendering the views in jsdom for tests: a root, a fake API client that records calls
// (given to the view the way the app gives the real one, through ApiProvider), and the
// few user actions the tests need. React only; no testing library is installed.
import { act, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import type { EventName, Input, MethodName, Output } from '../../../common/api/contract.ts';
import { apiError } from '../../../common/api/errors.ts';
import { ApiProvider } from '../api/ApiProvider.tsx';
import { ApiCallError, type ApiClient } from '../api/client.ts';
import type { Host } from '../api/host.ts';
import { LIBRARY_OPENED } from '../../../common/api/events.ts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export type Handlers = { [M in MethodName]?: (input: Input<M>) => Output<M> | Promise<Output<M>> };

export interface FakeClient extends ApiClient {
  calls: { method: MethodName; input: unknown }[];
  emit(event: EventName): void;
}

export function fakeClient(handlers: Handlers): FakeClient {
  const calls: FakeClient['calls'] = [];
  const listeners = new Set<() => void>();
  return {
    calls,
    async call(method, input) {
      calls.push({ method, input });
      const handler = handlers[method] as ((input: unknown) => unknown) | undefined;
      if (!handler) throw new ApiCallError(apiError('UNKNOWN_METHOD'));
      return (await handler(input)) as never;
    },
    on(_event, listener) {
      const l = listener as () => void;
      listeners.add(l);
      return () => listeners.delete(l);
    },
    emit() {
      for (const l of listeners) (l as (event: unknown) => void)(LIBRARY_OPENED);
    },
  };
}

/** Renders `ui`; with a client (and host), the views inside reach the API through them. */
export function render(ui: ReactNode, api?: { client: ApiClient; host?: Host }): { container: HTMLElement; unmount(): void } {
  const container = document.createElement('div');
  document.body.appendChild(container);
  const root = createRoot(container);
  act(() => root.render(api ? <ApiProvider client={api.client} host={api.host}>{ui}</ApiProvider> : ui));
  return {
    container,
    unmount() {
      act(() => root.unmount());
      container.remove();
    },
  };
}

/** Waits until `probe` returns something truthy without throwing, letting React and timers run. */
export async function waitFor<T>(probe: () => T, timeout = 4_000): Promise<NonNullable<T>> {
  const started = Date.now();
  let last: unknown;
  for (;;) {
    try {
      const value = probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() - started > timeout) throw last instanceof Error ? last : new Error('waitFor timed out');
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
    });
  }
}

export function click(element: Element | null | undefined): void {
  if (!element) throw new Error('nothing to click');
  // SVG elements have no click() in jsdom: dispatch the event itself.
  act(() => {
    element.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, button: 0 }));
  });
}

/** Types into a controlled input the way React listens for it. */
export function type(element: Element | null | undefined, value: string): void {
  if (!(element instanceof HTMLInputElement)) throw new Error('not an input');
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  act(() => {
    setter.call(element, value);
    element.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

/** Chooses an option of a select the way React listens for it. */
export function choose(element: Element | null | undefined, value: string): void {
  if (!(element instanceof HTMLSelectElement)) throw new Error('not a select');
  act(() => {
    element.value = value;
    element.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

/** The control a <label> with this text is for. */
export function labelled(root: ParentNode, text: string): HTMLElement | null {
  const label = [...root.querySelectorAll('label')].find((l) => l.textContent?.trim() === text);
  return label?.htmlFor ? document.getElementById(label.htmlFor) : null;
}

export function key(element: Element | Window | null | undefined, keyName: string, init: KeyboardEventInit = {}): void {
  if (!element) throw new Error('no element for the key');
  act(() => {
    element.dispatchEvent(new KeyboardEvent('keydown', { key: keyName, bubbles: true, cancelable: true, ...init }));
  });
}

/** The element with this role and accessible name (aria-label, aria-labelledby or text). */
export function byRole(root: ParentNode, role: string, name?: string | RegExp): HTMLElement | null {
  const implicit: Record<string, string> = { button: 'button', search: 'form[role="search"]', listitem: 'li', list: 'ul,ol', checkbox: 'input[type="checkbox"]' };
  const candidates = [...root.querySelectorAll<HTMLElement>(`[role="${role}"]${implicit[role] ? `,${implicit[role]}` : ''}`)];
  return (
    candidates.find((el) => {
      if (name === undefined) return true;
      const labelledBy = el.getAttribute('aria-labelledby');
      const label = el.getAttribute('aria-label') ?? (labelledBy ? document.getElementById(labelledBy)?.textContent : null) ?? el.textContent ?? '';
      return typeof name === 'string' ? label.trim() === name : name.test(label);
    }) ?? null
  );
}
