// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { byRole, click, fakeClient, key, render, waitFor } from './test-helpers.tsx';
import { timeline } from './fixtures.ts';
import { axisTicks, TimelineView } from './TimelineView.tsx';

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

function setup(actorId?: number) {
  const client = fakeClient({ 'connections.timeline': () => timeline() });
  const onOpenPassage = vi.fn();
  const view = render(<TimelineView onOpenPassage={onOpenPassage} actorId={actorId} />, { client });
  cleanup = view.unmount;
  return { client, onOpenPassage, container: view.container };
}

const dots = (container: HTMLElement) => [...container.querySelectorAll<HTMLButtonElement>('.cf-dot')];

describe('TimelineView', () => {
  it('places claims along the date axis, one lane per same-claim group', async () => {
    const { container, client } = setup(4);
    await waitFor(() => dots(container).length === 5);
    expect(client.calls[0]).toEqual({ method: 'connections.timeline', input: { actorId: 4, from: undefined, to: undefined } });
    const lanes = [...container.querySelectorAll('.cf-lane')];
    expect(lanes.map((l) => l.querySelector('.cf-lane-label')!.textContent)).toEqual(['Border to reopen3', 'Talks in Doha1', 'Claims in no group1']);
    const left = (d: HTMLElement) => parseFloat(d.style.left);
    const [a, b, c] = dots(container);
    expect(left(a!)).toBeLessThan(left(b!));
    expect(left(b!)).toBeLessThan(left(c!));
    expect(left(a!)).toBeGreaterThan(0);
    expect(left(dots(container)[4]!)).toBeLessThan(100);
    expect(container.querySelectorAll('.cf-tick').length).toBeGreaterThan(3);
    expect(byRole(container, 'status')?.textContent).toMatch(/^5 claims by publication date, .* to .*; 2 same-claim groups$/);
    // Undated claims are listed, not placed.
    expect(container.querySelector('.cf-timeline-undated')?.textContent).toContain('Claims from articles without a publication date (1)');
  });

  it('is used with the arrow keys: one claim in the tab order, Enter opens the passage', async () => {
    const { container, onOpenPassage } = setup();
    await waitFor(() => dots(container).length === 5);
    expect(dots(container).filter((d) => d.tabIndex === 0)).toHaveLength(1);
    const first = dots(container)[0]!;
    first.focus();
    key(first, 'ArrowRight');
    expect(document.activeElement).toBe(dots(container)[1]);
    expect(container.querySelector('.cf-timeline-details')?.textContent).toContain('Claim number 2');
    key(document.activeElement, 'ArrowDown');
    // The nearest claim by date in the next lane.
    expect(document.activeElement?.getAttribute('data-claim')).toBe('7');
    key(document.activeElement, 'Enter');
    expect(onOpenPassage).toHaveBeenCalledWith(107, 7);
    click(dots(container)[4]);
    click(byRole(container, 'button', 'Open the passage'));
    expect(onOpenPassage).toHaveBeenLastCalledWith(104, 4);
  });
});

describe('axis ticks', () => {
  it('uses months for a year, quarters for a few years, years beyond', () => {
    const day = (d: string) => Date.parse(`${d}T00:00:00Z`);
    expect(axisTicks(day('2025-01-10'), day('2025-06-30'))).toHaveLength(5);
    expect(axisTicks(day('2023-01-01'), day('2025-06-30')).length).toBe(10);
    expect(axisTicks(day('2015-03-01'), day('2025-06-30')).map((t) => t.label)).toEqual(['2016', '2017', '2018', '2019', '2020', '2021', '2022', '2023', '2024', '2025']);
  });
});
