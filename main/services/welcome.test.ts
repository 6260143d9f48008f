import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../api/dispatch.ts';
import { closeLibrary, openLibrarySession } from './library.ts';
import { tempLibrary } from '../testing/temp.ts';

describe('the first-start welcome', () => {
  it('is open in a new library with the sample articles, and stays closed once closed, across restarts', async () => {
    const library = tempLibrary();
    const dispatch = createDispatcher(() => ({ library }));
    expect(await dispatch('library.info', {})).toMatchObject({ ok: true, value: { showWelcome: true, articleCount: 2 } });

    expect(await dispatch('library.setWelcome', { show: false })).toEqual({ ok: true, value: { showWelcome: false } });
    const file = library.path;
    closeLibrary(library);

    const reopened = openLibrarySession(file, { dailyBackup: false });
    const again = createDispatcher(() => ({ library: reopened }));
    expect(await again('library.info', {})).toMatchObject({ ok: true, value: { showWelcome: false } });
    // Help > "Show the welcome" brings it back.
    expect(await again('library.setWelcome', { show: true })).toEqual({ ok: true, value: { showWelcome: true } });
    expect(await again('library.info', {})).toMatchObject({ ok: true, value: { showWelcome: true } });
    closeLibrary(reopened);
  });

  it('is not shown in a library created without the samples, and refuses a malformed request', async () => {
    const library = tempLibrary({ seed: false });
    const dispatch = createDispatcher(() => ({ library }));
    expect(await dispatch('library.info', {})).toMatchObject({ ok: true, value: { showWelcome: false, articleCount: 0 } });
    const bad = await dispatch('library.setWelcome', { show: 'yes' });
    expect(!bad.ok && bad.error.code).toBe('INVALID_INPUT');
    expect(!bad.ok && bad.error.issues?.[0]?.field).toBe('show');
  });
});
