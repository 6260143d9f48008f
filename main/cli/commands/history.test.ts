import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { HistoryEntry } from '../../../common/api/methods/history.ts';
import { main } from '../main.ts';
import { tempDir } from '../../testing/temp.ts';

/** Runs one command in this process (a fresh library session each time, as a terminal would). */
async function casefile(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describe('casefile history and config', () => {
  it('shows every change of a library built by the CLI: author, time, label and fields', async () => {
    const file = path.join(tempDir(), 'cli.casefile');
    const lib = ['--library', file];
    expect((await casefile('init', ...lib)).code).toBe(0);
    expect((await casefile('config', 'get', 'author', ...lib)).stdout).toMatch(/\(your OS account name/);
    expect(await casefile('config', 'set', 'author', 'Ayesha', 'Khan', ...lib)).toMatchObject({ code: 0, stdout: expect.stringContaining('“Ayesha Khan”') });
    expect((await casefile('config', 'get', 'author', ...lib)).stdout.trim()).toBe('Ayesha Khan');
    const annotated = await casefile('annotate', '2', '--kind', 'claim', '--quote', 'Sirajuddin Haqqani', '--actor', 'Dawn', '--note', 'Check', '--json', ...lib);
    expect(annotated.code).toBe(0);
    const id = (JSON.parse(annotated.stdout) as { id: number }).id;

    const all = JSON.parse((await casefile('history', '--json', ...lib)).stdout) as HistoryEntry[];
    // The two sample articles (imported by init), then the claim.
    expect(all.map((e) => [e.label, e.origin])).toEqual([
      ['Tag “Sirajuddin Haqqani” as a claim', 'cli'],
      [expect.stringMatching(/^Import “Taliban, Pakistan/), 'import'],
      [expect.stringMatching(/^Import “Pakistan Looks to Iran/), 'import'],
    ]);
    const claim = all[0]!;
    expect(claim.author).toBe('Ayesha Khan');
    expect(Date.parse(claim.at)).toBeGreaterThan(Date.now() - 600_000);
    expect(claim.changes.map((c) => `${c.op} ${c.table}`)).toEqual(['insert annotation', 'insert claim', 'insert entity', 'insert claim_claimant']);
    expect(claim.changes[0]!.fields).toEqual(expect.arrayContaining([{ name: 'quote_exact', before: null, after: 'Sirajuddin Haqqani' }, { name: 'note', before: null, after: 'Check' }]));
    // Article text is shown by its size, not copied into the log.
    expect(all[1]!.changes[0]!.fields.find((f) => f.name === 'text')).toBeUndefined();

    expect(JSON.parse((await casefile('history', '--annotation', String(id), '--json', ...lib)).stdout)).toEqual([claim]);
    expect((await casefile('history', '--article', '2', '--json', ...lib)).stdout).toContain('Tag “Sirajuddin Haqqani” as a claim');
    const text = (await casefile('history', '--annotation', String(id), ...lib)).stdout;
    expect(text).toMatch(/^\S+Z {2}Ayesha Khan {2}Tag “Sirajuddin Haqqani” as a claim {2}\(cli\)\n {4}insert annotation [0-9a-f-]{36}\n/);
    expect(text).toContain('        note: "Check"');
    expect(await casefile('history', '--article', '1', '--annotation', '2', ...lib)).toMatchObject({ code: 2 });
  });
});
