import { describe, expect, it, vi } from 'vitest';
import { createDispatcher, domainHandlers } from './dispatch.ts';
import { contract, domains } from '../../common/api/contract.ts';
import { closeLibrary } from '../services/library.ts';
import { tempLibrary } from '../testing/temp.ts';
import { errorMessages } from '../../common/api/errors.ts';

describe('dispatch', () => {
  it('answers a known method with ok and its value', async () => {
    const library = tempLibrary();
    const dispatch = createDispatcher(() => ({ library }));
    const result = await dispatch('articles.list', {});
    expect(result.ok).toBe(true);
    expect(result.ok && (result.value as { total: number }).total).toBe(2);
  });

  it('refuses an unknown method with a code, not a crash', async () => {
    const library = tempLibrary();
    const dispatch = createDispatcher(() => ({ library }));
    for (const method of ['articles.drop', '__proto__', 'constructor', 42, null, undefined]) {
      expect(await dispatch(method, {})).toEqual({ ok: false, error: { code: 'UNKNOWN_METHOD', message: errorMessages.UNKNOWN_METHOD } });
    }
  });

  it('refuses invalid input naming the field and the reason', async () => {
    const library = tempLibrary();
    const dispatch = createDispatcher(() => ({ library }));
    const result = await dispatch('articles.get', { id: 'seven' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INVALID_INPUT');
    expect(result.error.issues?.[0]?.field).toBe('id');
    expect(result.error.issues?.[0]?.reason).toMatch(/number/i);

    const extra = await dispatch('articles.list', { limit: 10, drop: true });
    expect(!extra.ok && extra.error.code).toBe('INVALID_INPUT');
    const tooMany = await dispatch('articles.list', { limit: 100_000 });
    expect(!tooMany.ok && tooMany.error.issues?.[0]?.field).toBe('limit');
  });

  it('reports a missing article as NOT_FOUND with a detail naming it', async () => {
    const library = tempLibrary();
    const result = await createDispatcher(() => ({ library }))('articles.get', { id: 999 });
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', detail: 'There is no article 999 in this library.' } });
  });

  it('turns an unexpected failure into INTERNAL without its message or stack', async () => {
    const library = tempLibrary();
    const logged: unknown[] = [];
    const dispatch = createDispatcher(() => ({ library }), { logInternalError: (_m, e) => logged.push(e) });
    closeLibrary(library);
    const result = await dispatch('articles.list', {});
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: errorMessages.INTERNAL } });
    expect(JSON.stringify(result)).not.toMatch(/database|stack|at /i);
    expect(logged).toHaveLength(1);
  });

  it('has each method in one domain, and each domain handles exactly its methods', async () => {
    const names = Object.values(domains).flatMap((methods) => Object.keys(methods));
    expect(new Set(names).size).toBe(names.length);
    expect(names.sort()).toEqual(Object.keys(contract).sort());
    for (const [domain, load] of Object.entries(domainHandlers)) {
      expect(Object.keys(await load()).sort(), domain).toEqual(Object.keys(domains[domain as keyof typeof domains]).sort());
    }
  });

  it('runs calls in the order they arrive while a domain is still loading', async () => {
    // Fresh modules (the library's among them): no domain loaded yet.
    vi.resetModules();
    const fresh = (await import('./dispatch.ts')).createDispatcher;
    const library = (await import('../testing/temp.ts')).tempLibrary();
    const dispatch = fresh(() => ({ library }));
    expect((await dispatch('history.list', {})).ok).toBe(true);
    // The notes' handlers load during the first call; the history call after it must still see the page.
    const created = dispatch('notes.create', { title: 'Written first' });
    const listed = dispatch('history.list', {});
    const [note, history] = await Promise.all([created, listed]);
    expect(note).toMatchObject({ ok: true });
    expect(history.ok && (history.value as { label: string }[])[0]?.label).toMatch(/Written first/);
  });
});
