// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import type { ApiClient } from '../api/client.ts';
import { click, render, waitFor } from '../connections/test-helpers.tsx';
import { LIBRARY_OPENED } from '../../../common/api/events.ts';

// The welcome talks to the app's one client; here it is one whose answers the test sets.
const fake = vi.hoisted(() => {
  const state = { showWelcome: true, calls: [] as { method: string; input: unknown }[], listeners: new Set<(payload: unknown) => void>() };
  return state;
});
vi.mock('../api/client.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../api/client.ts')>();
  const api: ApiClient = {
    async call(method, input) {
      fake.calls.push({ method, input });
      if (method === 'library.info') return { showWelcome: fake.showWelcome } as never;
      if (method === 'library.setWelcome') {
        fake.showWelcome = (input as { show: boolean }).show;
        return { showWelcome: fake.showWelcome } as never;
      }
      return [] as never;
    },
    on(_event, listener) {
      fake.listeners.add(listener as (payload: unknown) => void);
      return () => fake.listeners.delete(listener as (payload: unknown) => void);
    },
  };
  return { ...real, api };
});

const { NavigationProvider } = await import('./navigation.tsx');
const { ServicesProvider } = await import('./services.tsx');
const { StartPane } = await import('./Welcome.tsx');

describe('the welcome', () => {
  it('shows while the library says so, closes for good, and follows the library the app switches to', async () => {
    const view = render(
      <NavigationProvider defaultView="library">
        <ServicesProvider>
          <StartPane />
        </ServicesProvider>
      </NavigationProvider>,
    );
    const welcome = () => view.container.querySelector('section.welcome');
    await waitFor(welcome);
    expect([...welcome()!.querySelectorAll('h3')].map((h) => h.textContent)).toEqual(['Open an article', 'Select a passage and tag it', 'Connect what you tagged']);

    click([...view.container.querySelectorAll('button')].find((b) => b.textContent === 'Got it'));
    await waitFor(() => !welcome() && view.container.textContent?.includes('Choose an article'));
    expect(fake.calls.filter((c) => c.method === 'library.setWelcome').map((c) => c.input)).toEqual([{ show: false }]);

    // File > Open Library… in the app: a library whose welcome is still open.
    fake.showWelcome = true;
    for (const listener of fake.listeners) listener(LIBRARY_OPENED);
    await waitFor(welcome);
    view.unmount();
  });
});
