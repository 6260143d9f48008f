// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EdgeEvidence } from '../../../common/api/methods/connections.ts';
import { byRole, click, fakeClient, render, type, waitFor } from './test-helpers.tsx';
import { claimCard, relationshipMap } from './fixtures.ts';
import { MapView } from './MapView.tsx';

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

function setup(size: number) {
  const map = relationshipMap(size);
  const client = fakeClient({
    'connections.map': () => map,
    'connections.evidence': ({ a, b }): EdgeEvidence[] => [
      { claim: claimCard(41, { articleId: 900 }), roles: [{ actorId: a, role: 'claimant', annotationId: null }, { actorId: b, role: 'mentioned', annotationId: 77 }] },
    ],
  });
  const onOpenPassage = vi.fn();
  const onOpenActor = vi.fn();
  const view = render(<MapView onOpenPassage={onOpenPassage} onOpenActor={onOpenActor} />, { client });
  cleanup = view.unmount;
  return { map, client, onOpenPassage, onOpenActor, container: view.container };
}

describe('MapView', () => {
  it('lays out a hundred and more actors without blocking and draws them', async () => {
    const { map, container } = setup(120);
    const svg = container.querySelector('svg')!;
    expect(svg.getAttribute('role')).toBe('img');
    await waitFor(() => container.querySelectorAll('.cf-map-node').length === 120, 20_000);
    expect(svg.getAttribute('aria-label')).toBe(`Relationship map of 120 actors and ${map.edges.length} links. The list of links beside it can be used with the keyboard.`);
    expect(container.querySelectorAll('.cf-map-edge')).toHaveLength(map.edges.length);
    for (const node of container.querySelectorAll('.cf-map-node')) expect(node.getAttribute('transform')).toMatch(/^translate\(-?\d+(\.\d+)? -?\d+(\.\d+)?\)$/);
    // Not every name is drawn: only the best connected (and those in focus).
    expect(container.querySelectorAll('.cf-map-node text').length).toBe(40);
  }, 60_000);

  it('says how links come about while there are none, and not while the map loads', async () => {
    const { container } = setup(0);
    expect(container.querySelector('.cf-map-links-empty')).toBeNull();
    const empty = await waitFor(() => container.querySelector('.cf-map-links-empty'));
    expect(empty.textContent).toBe('No links yet: two actors are linked once the same claim names both.');
    expect(container.querySelectorAll('.cf-map-link')).toHaveLength(0);
  });

  it('lists the links for the keyboard; a link shows its evidence, a passage opens the article', async () => {
    const { client, container, onOpenPassage } = setup(30);
    const links = await waitFor(() => (container.querySelectorAll('.cf-map-link').length > 0 ? container.querySelectorAll('.cf-map-link') : null));
    // Strongest links first.
    expect(links[0]!.textContent).toContain('2 claims');
    click(links[0]);
    const evidence = await waitFor(() => container.querySelector('.cf-evidence'));
    expect(links[0]!.textContent).toBe('Actor 12 — Actor 132 claims');
    expect(client.calls.find((c) => c.method === 'connections.evidence')?.input).toEqual({ a: 12, b: 13 });
    expect(evidence.textContent).toContain('Actor 12: makes the claim · Actor 13: named in it');
    click(evidence);
    expect(onOpenPassage).toHaveBeenCalledWith(900, 41);
    click(byRole(container, 'button', 'Back to the links'));
    expect(container.querySelector('.cf-evidence')).toBeNull();
  });

  it('opens evidence from an edge drawn in the map, and focuses an actor from a node', async () => {
    const { client, container, onOpenActor } = setup(30);
    await waitFor(() => container.querySelectorAll('.cf-map-edge').length > 0);
    click(container.querySelectorAll('.cf-map-edge')[3]);
    await waitFor(() => container.querySelector('.cf-evidence'));
    expect(client.calls.filter((c) => c.method === 'connections.evidence')).toHaveLength(1);
    click(byRole(container, 'button', 'Back to the links'));
    click(container.querySelectorAll('.cf-map-node')[0]);
    const actor = await waitFor(() => container.querySelector('.cf-map-actor'));
    click(byRole(actor, 'button', 'Open actor page'));
    expect(onOpenActor).toHaveBeenCalled();
    // The list narrows to that actor's links.
    const name = actor.querySelector('strong')!.textContent;
    expect([...container.querySelectorAll('.cf-map-link')].every((l) => l.textContent.includes(name))).toBe(true);
  });

  it('finds an actor by name and asks for stronger links only', async () => {
    const { client, container } = setup(30);
    await waitFor(() => container.querySelectorAll('.cf-map-link').length > 0);
    type(container.querySelector('input[type="search"]'), 'Actor 17');
    expect([...container.querySelectorAll('.cf-map-link')].map((l) => l.textContent)).toEqual(['Actor 16 — Actor 172 claims', 'Actor 17 — Actor 182 claims', 'Actor 11 — Actor 171 claim']);
    const select = container.querySelector('select')!;
    const { act } = await import('react');
    act(() => {
      select.value = '3';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await waitFor(() => client.calls.some((c) => c.method === 'connections.map' && (c.input as { minClaims: number }).minClaims === 3));
  });

  it('hovering, choosing or finding an actor never redraws the whole map: the base layers stay as they are, the focus is drawn over them', async () => {
    const { map, container } = setup(300);
    await waitFor(() => container.querySelectorAll('.cf-map-node').length === 300, 30_000);
    const base = container.querySelector('.cf-map-base')!;
    const changes: MutationRecord[] = [];
    const observer = new MutationObserver((records) => changes.push(...records));
    observer.observe(base, { subtree: true, childList: true, attributes: true, characterData: true });
    const { act } = await import('react');
    const hub = map.nodes.reduce((best, n) => (n.degree > best.degree ? n : best));
    const node = container.querySelector(`.cf-map-node[data-actor="${hub.id}"] circle`)!;
    act(() => {
      node.dispatchEvent(new Event('pointerover', { bubbles: true }));
    });
    // The hovered actor, its links and its neighbours, named, over the dimmed base.
    const focus = await waitFor(() => container.querySelector('.cf-map-focus'));
    expect(focus.querySelectorAll('.cf-map-focus-edge')).toHaveLength(hub.degree);
    expect(focus.querySelectorAll('.cf-map-focus-node text')).toHaveLength(hub.degree + 1);
    click(node);
    type(container.querySelector('input[type="search"]'), 'Actor 2');
    await waitFor(() => container.querySelector('.cf-map-actor'));
    observer.disconnect();
    expect(changes).toEqual([]);
  }, 60_000);
});
