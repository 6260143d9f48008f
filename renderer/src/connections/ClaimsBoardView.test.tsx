// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { byRole, choose, click, fakeClient, labelled, render, waitFor } from './test-helpers.tsx';
import { board } from './fixtures.ts';
import { ClaimsBoardView } from './ClaimsBoardView.tsx';

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

function setup() {
  const client = fakeClient({
    'claims.board': () => board(),
    'team.makers': () => [{ name: 'Amina', initials: 'AM', color: 'hsl(0 55% 42%)' }, { name: 'Bilal', initials: 'BI', color: 'hsl(90 55% 42%)' }],
    'claims.markContradiction': (input) => ({ a: board().ungrouped[0]!, b: board().groups[0]!.claims[0]!, createdAt: 'now', ...(input as object) }),
    'claims.unmarkContradiction': (input) => ({ a: input.id, b: input.otherId }),
  });
  const onOpenPassage = vi.fn();
  const view = render(<ClaimsBoardView onOpenPassage={onOpenPassage} />, { client });
  cleanup = view.unmount;
  return { client, onOpenPassage, container: view.container };
}

describe('ClaimsBoardView', () => {
  it('has its level-one heading while the claims are still loading, and names its region with it', async () => {
    let answer: (value: ReturnType<typeof board>) => void = () => {};
    const client = fakeClient({ 'claims.board': () => new Promise((resolve) => (answer = resolve)), 'team.makers': () => [] });
    const view = render(<ClaimsBoardView onOpenPassage={vi.fn()} />, { client });
    cleanup = view.unmount;
    await waitFor(() => view.container.querySelector('[role="status"]')?.textContent === 'Loading the claims…');
    const heading = view.container.querySelector('h1');
    expect(heading?.textContent).toBe('Claims board');
    expect(view.container.querySelector('section')?.getAttribute('aria-labelledby')).toBe(heading?.id);
    answer(board());
    await waitFor(() => view.container.querySelector('.cf-board-group'));
    expect(view.container.querySelectorAll('h1')).toHaveLength(1);
  });

  it('shows one member\'s claims when chosen under "Claims by", and says so', async () => {
    const { client, container } = setup();
    const select = await waitFor(() => labelled(container, 'Claims by'));
    choose(select, 'Amina');
    await waitFor(() => client.calls.some((c) => c.method === 'claims.board' && (c.input as { author?: string }).author === 'Amina'));
    await waitFor(() => container.querySelector('.cf-board-header p')?.textContent?.includes('Only claims by Amina'));
  });

  it('shows same-claim groups with independent reports and the earliest report first', async () => {
    const { container } = setup();
    const group = await waitFor(() => container.querySelector('.cf-board-group'));
    expect(group.getAttribute('aria-label')).toBe('Claim number 1 says the border will reopen for trade next week.: 3 independent reports');
    expect(group.querySelector('.cf-corroboration')?.textContent).toBe('3 independent reports');
    expect(group.querySelector('.cf-outlets')?.textContent).toBe('4 articles · Dawn, Geo News');
    // The earliest three reports; the rest on request.
    const rows = group.querySelectorAll('.cf-board-claim');
    expect(rows).toHaveLength(3);
    const more = byRole(group, 'button', 'Show all 4 reports')!;
    expect(more.getAttribute('aria-expanded')).toBe('false');
    click(more);
    expect(group.querySelectorAll('.cf-board-claim')).toHaveLength(4);
    expect(more.textContent).toBe('Show the earliest reports only');
    expect(rows[0]!.querySelector('.cf-earliest')?.textContent).toBe('Earliest report');
    expect(rows[1]!.querySelector('.cf-earliest')).toBeNull();
    expect(rows[0]!.textContent).toContain('Unknown outlet');
    expect(rows[0]!.textContent).toContain('Claimed by Asim Munir on the authority of ISPR (B)');
    expect(container.textContent).toContain('6 claims: 1 reported in several articles, 2 in no group, 1 contradiction.');
  });

  it('opens a passage, marks two selected claims as contradicting, and unmarks a pair', async () => {
    const { client, container, onOpenPassage } = setup();
    await waitFor(() => container.querySelector('.cf-board-group'));
    click(byRole(container, 'button', 'Open the passage of claim #2 in Article 2'));
    expect(onOpenPassage).toHaveBeenCalledWith(102, 2);

    const mark = byRole(container, 'button', 'Mark as contradicting') as HTMLButtonElement;
    expect(mark.disabled).toBe(true);
    const boxes = [...container.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')];
    const labelled = (n: number) => boxes.find((b) => b.parentElement?.textContent === `Select claim #${n}`)!;
    click(labelled(4));
    click(labelled(1));
    expect(mark.disabled).toBe(false);
    click(mark);
    await waitFor(() => client.calls.some((c) => c.method === 'claims.markContradiction'));
    expect(client.calls.find((c) => c.method === 'claims.markContradiction')?.input).toEqual({ id: 4, otherId: 1 });
    await waitFor(() => byRole(container, 'status')?.textContent === 'Claims #4 and #1 are marked as contradicting each other.');

    const pair = container.querySelector('.cf-contradiction')!;
    expect(pair.textContent).toContain('Tehran Times');
    click(byRole(pair, 'button', /Unmark/));
    await waitFor(() => client.calls.some((c) => c.method === 'claims.unmarkContradiction'));
    expect(client.calls.find((c) => c.method === 'claims.unmarkContradiction')?.input).toEqual({ id: 5, otherId: 6 });
  });

  it('reloads when the library changes', async () => {
    const { client, container } = setup();
    await waitFor(() => container.querySelector('.cf-board-group'));
    const before = client.calls.filter((c) => c.method === 'claims.board').length;
    client.emit('library.changed');
    await waitFor(() => client.calls.filter((c) => c.method === 'claims.board').length > before);
  });
});
