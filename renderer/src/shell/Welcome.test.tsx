// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../api/client.ts';
import { click, render, waitFor } from '../connections/test-helpers.tsx';
import { LIBRARY_OPENED } from '../../../common/api/events.ts';
import { NavigationProvider } from './navigation.tsx';
import { ServicesProvider } from './services.tsx';
import { StartPane } from './Welcome.tsx';

// The welcome talks to the app's one client; here it is one whose answers the test sets,
// given the way the app gives the real one.
const fake = { showWelcome: true, calls: [] as { method: string; input: unknown }[], listeners: new Set<(payload: unknown) => void>() };
const client: ApiClient = {
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

describe('the welcome', () => {
  it('shows while the library says so, closes for good, and follows the library the app switches to', async () => {
    const view = render(
      <NavigationProvider defaultView="library">
        <ServicesProvider>
          <StartPane />
        </ServicesProvider>
      </NavigationProvider>,
      { client },
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
