// The rule "repositories own all SQL": no service prepares or runs a statement itself.
// A service that needs data calls a function of its domain's repository under
// main/db/repositories/ (reads take a ReadDb, writes the WriteDb that `mutate` hands out).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SERVICES = path.resolve(import.meta.dirname, '..', '..', 'services');

/** A statement prepared or run on a connection. (RegExp#exec is not one: only `db.exec(`.) */
const SQL = /\.prepare\s*\(|\bdb\.exec\s*\(|\bcached(?:Statement|Read)\s*\(|\.pragma\s*\(/;

/**
 * Files allowed to hold SQL, each with the reason (none today). The test fails on an
 * exception that no longer holds SQL, so this list stays true.
 */
const EXCEPTIONS: Record<string, string> = {};

function servicesFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return servicesFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

function withSql(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of servicesFiles(SERVICES)) {
    const lines = fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .map((line, i) => ({ line: line.trim(), at: i + 1 }))
      .filter(({ line }) => SQL.test(line) && !line.startsWith('//') && !line.startsWith('*'));
    if (lines.length > 0) found.set(path.relative(SERVICES, file).split(path.sep).join('/'), lines.map(({ line, at }) => `${at}: ${line}`));
  }
  return found;
}

describe('repositories own all SQL', () => {
  it('no service under main/services prepares or runs a statement (outside the listed exceptions)', () => {
    const offenders = [...withSql()].filter(([file]) => !(file in EXCEPTIONS));
    expect(offenders.map(([file, lines]) => `main/services/${file}\n  ${lines.join('\n  ')}`)).toEqual([]);
  });

  it('every exception still holds SQL (a cleaned file leaves the list)', () => {
    const found = withSql();
    expect(Object.keys(EXCEPTIONS).filter((file) => !found.has(file))).toEqual([]);
  });
});
