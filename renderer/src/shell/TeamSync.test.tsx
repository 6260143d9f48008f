// @vitest-environment jsdom
import { beforeAll, describe, expect, it } from 'vitest';
import type { TeamStatusView } from '../../../common/api/methods/team.ts';
import { click, fakeClient, render, waitFor } from '../connections/test-helpers.tsx';
import { TeamSync } from './TeamSync.tsx';

const KEPT = "Casefile keeps the password encrypted by your system's keychain, and signs in by itself next time.";
const NOT_KEPT = 'The password is kept only while Casefile runs: you will be asked again after a restart.';

function status(joined: boolean, keepsPassword: boolean): TeamStatusView {
  return {
    joined,
    url: joined ? 'postgres://edith@127.0.0.1:5432/casefile?library=desk' : null,
    library: joined ? 'desk' : null,
    member: joined ? 'edith' : null,
    role: joined ? 'editor' : null,
    lastSyncAt: null,
    version: 0,
    waiting: 0,
    conflicts: 0,
    lastError: null,
    indicator: joined ? 'needs-password' : 'not-joined',
    keepsPassword,
  };
}

/** Opens the Team dialog over a library in `given` state and returns its text once it holds `sentence`. */
async function dialogText(given: TeamStatusView, sentence: string): Promise<string> {
  const client = fakeClient({ 'team.status': () => given, 'team.conflicts': () => [] });
  const view = render(<TeamSync />, { client });
  const indicator = await waitFor(() => [...view.container.querySelectorAll('button')].find((b) => b.textContent === (given.joined ? 'Sign in to sync' : 'Team…')));
  click(indicator);
  // Before the status arrives the dialog cannot know, and says the password is not kept.
  const text = await waitFor(() => {
    const shown = document.querySelector('dialog[open] form')?.closest('dialog')?.textContent;
    return shown?.includes(sentence) ? shown : null;
  });
  view.unmount();
  return text;
}

beforeAll(() => {
  // jsdom has <dialog> without its modal methods.
  HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
    this.removeAttribute('open');
  };
});

describe('the Team dialog says whether the password outlives this run', () => {
  it('where the app keeps it with the keychain: Join and Sign in say it is kept', async () => {
    for (const joined of [false, true]) {
      const text = await dialogText(status(joined, true), KEPT);
      expect(text).toContain(KEPT);
      expect(text).not.toContain(NOT_KEPT);
    }
  });

  it('where it cannot (browser mode, no keyring): Join and Sign in say it will be asked again', async () => {
    for (const joined of [false, true]) {
      const text = await dialogText(status(joined, false), NOT_KEPT);
      expect(text).toContain(NOT_KEPT);
      expect(text).not.toContain(KEPT);
    }
  });
});

describe('the Team dialog says why the last sync failed', () => {
  it('names the refusal of a member who was removed (or whose role no longer allows a change), in the closed message', async () => {
    const refused = { ...status(true, true), indicator: 'up-to-date' as const, lastError: 'TEAM_REFUSED' };
    const client = fakeClient({ 'team.status': () => refused, 'team.conflicts': () => [] });
    const view = render(<TeamSync />, { client });
    click(await waitFor(() => view.container.querySelector<HTMLButtonElement>('button.team-indicator')));
    const note = await waitFor(() => document.querySelector('dialog[open] .team-last-error'));
    expect(note.textContent).toBe('The last sync did not go through. The team server refused that: your role in this team library does not allow it.');
    view.unmount();
  });

  it('says nothing of it after a good sync', async () => {
    const good = { ...status(true, true), indicator: 'up-to-date' as const, lastSyncAt: '2026-12-04T10:00:00.000Z' };
    const client = fakeClient({ 'team.status': () => good, 'team.conflicts': () => [] });
    const view = render(<TeamSync />, { client });
    click(await waitFor(() => view.container.querySelector<HTMLButtonElement>('button.team-indicator')));
    // The joined view (with its status line), not the Join form shown before the status arrives.
    await waitFor(() => (document.querySelector('dialog[open]')?.textContent?.includes('edith (editor)') ? true : null));
    expect(document.querySelector('dialog[open] .team-last-error')).toBeNull();
    view.unmount();
  });
});
