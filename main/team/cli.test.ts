// The team commands from a terminal, against a throwaway PostgreSQL: init, add-member,
// members, join, sync, status, conflicts, resolve, remove-member. Passwords come from
// PGPASSWORD and never appear in what the commands print.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresAvailable, startCluster, type Cluster } from './testing/cluster.ts';
import { tempDir } from './testing/library.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe.skipIf(!postgresAvailable)('casefile team (CLI)', () => {
  let cluster: Cluster;
  let dir: string;
  let serverUrl: string;
  const run = (password: string, ...args: string[]) => {
    const result = spawnSync(process.execPath, [path.join(root, 'bin/casefile.mjs'), ...args], {
      encoding: 'utf8',
      env: { ...process.env, PGPASSWORD: password, PGPASSFILE: path.join(dir, 'no-pgpass') },
    });
    return { code: result.status, out: result.stdout, err: result.stderr };
  };

  beforeAll(async () => {
    cluster = await startCluster();
    dir = tempDir();
    const admin = new pg.Client({ host: cluster.host, port: cluster.port, user: 'admin', password: cluster.admin.password, database: 'postgres' });
    await admin.connect();
    await admin.query('CREATE DATABASE casefile');
    await admin.end();
    serverUrl = cluster.url('casefile');
  });
  afterAll(() => cluster?.stop());

  it('sets up a team, adds members, and two libraries sync through it', () => {
    const admin = cluster.admin.password;
    const init = run(admin, 'team', 'init', '--server', serverUrl, '--name', 'desk');
    expect(init.err).toBe('');
    expect(init.code).toBe(0);
    expect(init.out).toContain('Created the team library "desk"');
    const joinUrl = `${serverUrl}?library=desk`;

    const added = run(admin, 'team', 'add-member', 'edith', '--role', 'editor', '--server', joinUrl);
    expect(added.code).toBe(0);
    const password = /password \(shown once, not stored by Casefile\): (\S+)/.exec(added.out)?.[1];
    expect(password).toBeTruthy();
    expect(added.out).toContain(`casefile team join '${serverUrl.replace('admin@', 'edith@')}?library=desk'`);

    const members = run(admin, 'team', 'members', '--server', joinUrl, '--json');
    expect(JSON.parse(members.out).map((m: { name: string; role: string }) => `${m.name}:${m.role}`)).toEqual(['admin:owner', 'edith:editor']);

    const a = path.join(dir, 'a.casefile');
    const b = path.join(dir, 'b.casefile');
    expect(run(admin, '--library', a, 'init').code).toBe(0);
    const joinA = run(admin, '--library', a, 'team', 'join', joinUrl);
    expect(joinA.err).toBe('');
    expect(joinA.out).toMatch(/Joined "desk" as admin: \d+ rows sent, 0 rows received\./);
    const joinB = run(password!, '--library', b, 'team', 'join', joinUrl.replace('admin@', 'edith@'));
    expect(joinB.out).toMatch(/Joined "desk" as edith: 0 rows sent, \d+ rows received\./);

    const status = JSON.parse(run(password!, '--library', b, 'team', 'status', '--json').out);
    expect(status).toMatchObject({ joined: true, library: 'desk', member: 'edith', role: 'editor', waiting: 0, conflicts: 0 });
    const listed = JSON.parse(run(password!, '--library', b, 'list', '--json').out);
    const listedA = JSON.parse(run(admin, '--library', a, 'list', '--json').out);
    expect(listed.length).toBe(listedA.length);
    expect(listed.length).toBeGreaterThan(0);

    expect(JSON.parse(run(password!, '--library', b, 'team', 'conflicts', '--json').out)).toEqual([]);
    const sync = run(password!, '--library', b, 'team', 'sync');
    expect(sync.out).toMatch(/Synced with "desk" \(version \d+\): 0 rows sent, 0 rows received\./);
    const text = run(password!, '--library', b, 'team', 'status').out;
    expect(text).toContain('0 changes waiting to be sent; 0 conflicts.');

    for (const output of [init, added, members, joinA, joinB, sync].map((r) => r.out + r.err)) {
      expect(output).not.toContain(admin);
    }
    expect(run(admin, '--library', b, 'team', 'status').out).not.toContain(password!);

    const removed = run(admin, 'team', 'remove-member', 'edith', '--server', joinUrl);
    expect(removed.code).toBe(0);
    const refused = run(password!, '--library', b, 'team', 'sync');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('no longer a member');
    expect(JSON.parse(run(password!, '--library', b, 'team', 'status', '--json').out).lastError).toBe('TEAM_REFUSED');
  }, 240_000);

  it('refuses a URL with a password, a wrong password, and plain connections to other computers', () => {
    const withPassword = run('', 'team', 'join', serverUrl.replace('admin@', 'admin:secret@') + '?library=desk', '--library', path.join(dir, 'c.casefile'));
    expect(withPassword.code).toBe(1);
    expect(withPassword.err).toContain('contains a password');
    expect(withPassword.err).not.toContain('secret');
    const wrong = run('not-the-password', '--library', path.join(dir, 'd.casefile'), 'team', 'join', `${serverUrl}?library=desk`);
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('refused the login "admin"');
    expect(wrong.err).not.toContain('not-the-password');
    const plain = run('x', '--library', path.join(dir, 'e.casefile'), 'team', 'join', 'postgresql://ann@db.example.org/casefile?library=desk&sslmode=disable');
    expect(plain.code).toBe(1);
    expect(plain.err).toContain('only over TLS');
  }, 60_000);
});
