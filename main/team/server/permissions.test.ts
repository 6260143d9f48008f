// The server enforces the roles itself: raw SQL through pg as each member, never the client.
import { randomUUID, createHash } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresAvailable, startCluster, type Cluster } from '../testing/cluster.ts';
import { createTestTeam, type TestTeam } from '../testing/team.ts';
import { connectTeam } from './connect.ts';
import { addMember, listMembers, removeMember } from './members.ts';
import { checkServerSchema } from './schema.ts';

async function refused(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as { code?: string }).code ?? 'error';
  }
  return 'accepted';
}

const insertRow = (client: pg.Client, library: string, createdBy: string, gid: string = randomUUID()) =>
  client.query(
    `INSERT INTO casefile.row (library_id, gid, tbl, version, created_by, author, data, change_set)
     VALUES ($1, $2, 'annotation', 0, $3, $3, '{"note":"x"}', $4)`,
    [library, gid, createdBy, randomUUID()],
  );

describe.skipIf(!postgresAvailable)('team server permissions (PostgreSQL grants and row-level security)', () => {
  let cluster: Cluster;
  let team: TestTeam;
  let ownerRaw: pg.Client;
  let ownerRowGid: string;

  beforeAll(async () => {
    cluster = await startCluster();
    team = await createTestTeam(cluster, { edith: 'editor', ed2: 'editor', vera: 'viewer', rex: 'editor' });
    ownerRaw = await team.raw(team.owner);
    ownerRowGid = randomUUID();
    await insertRow(ownerRaw, team.library.id, team.owner.name, ownerRowGid);
  });
  afterAll(async () => {
    await ownerRaw?.end();
    cluster?.stop();
  });

  it('lets a viewer read and refuses every write', async () => {
    const vera = await team.raw(team.members.vera!);
    try {
      const rows = await vera.query('SELECT gid FROM casefile.row WHERE library_id = $1', [team.library.id]);
      expect(rows.rows.map((r) => r.gid)).toContain(ownerRowGid);
      expect(await refused(insertRow(vera, team.library.id, 'vera'))).toBe('42501');
      const update = await vera.query('UPDATE casefile.row SET data = $1, author = current_user WHERE gid = $2', ['{"note":"vandal"}', ownerRowGid]);
      expect(update.rowCount).toBe(0);
      expect(await refused(vera.query('UPDATE casefile.library SET version = version + 1 WHERE id = $1 RETURNING version', [team.library.id]).then((r) => {
        if (r.rowCount === 0) throw Object.assign(new Error('no row'), { code: 'none' });
      }))).toBe('none');
      expect(await refused(vera.query('INSERT INTO casefile.blob (library_id, sha256, bytes) VALUES ($1, $2, $3)', [team.library.id, createHash('sha256').update('x').digest('hex'), Buffer.from('x')]))).toBe('42501');
      expect(await refused(vera.query('DELETE FROM casefile.row'))).toBe('42501');
      expect(await refused(vera.query("INSERT INTO casefile.member (library_id, role_name, role) VALUES ($1, 'vera2', 'owner')", [team.library.id]))).toBe('42501');
    } finally {
      await vera.end();
    }
  });

  it('lets an editor add rows as themselves and change only their own', async () => {
    const edith = await team.raw(team.members.edith!);
    try {
      const own = randomUUID();
      await insertRow(edith, team.library.id, 'edith', own);
      expect(await refused(insertRow(edith, team.library.id, team.owner.name))).toBe('42501');
      const mine = await edith.query("UPDATE casefile.row SET data = '{\"note\":\"edited\"}', author = current_user WHERE gid = $1", [own]);
      expect(mine.rowCount).toBe(1);
      const others = await edith.query("UPDATE casefile.row SET data = '{\"note\":\"edited\"}', author = current_user WHERE gid = $1", [ownerRowGid]);
      expect(others.rowCount).toBe(0);
      // created_by cannot be rewritten to take a row over.
      expect(await refused(edith.query('UPDATE casefile.row SET created_by = current_user WHERE gid = $1', [ownerRowGid]))).toBe('42501');
      // Signing a change as someone else is refused.
      expect(await refused(edith.query("UPDATE casefile.row SET author = 'ed2' WHERE gid = $1", [own]))).toBe('42501');
      const version = await edith.query('UPDATE casefile.library SET version = version + 1 WHERE id = $1 RETURNING version', [team.library.id]);
      expect(version.rowCount).toBe(1);
      expect(await refused(edith.query("INSERT INTO casefile.member (library_id, role_name, role) VALUES ($1, 'ed2', 'owner') ON CONFLICT (library_id, role_name) DO UPDATE SET role = 'owner'", [team.library.id]))).toBe('42501');
    } finally {
      await edith.end();
    }
  });

  it('lets the owner change anything and checks evidence hashes on the server', async () => {
    const row = await ownerRaw.query('SELECT gid FROM casefile.row WHERE created_by = $1 LIMIT 1', ['edith']);
    const changed = await ownerRaw.query("UPDATE casefile.row SET data = '{\"note\":\"owner\"}', author = current_user WHERE gid = $1", [row.rows[0].gid]);
    expect(changed.rowCount).toBe(1);
    expect(await refused(ownerRaw.query('INSERT INTO casefile.blob (library_id, sha256, bytes) VALUES ($1, $2, $3)', [team.library.id, createHash('sha256').update('x').digest('hex'), Buffer.from('not x')]))).toBe('23514');
  });

  it('hides everything from a removed member and refuses their writes', async () => {
    const rex = await team.raw(team.members.rex!);
    try {
      await insertRow(rex, team.library.id, 'rex');
      const client = await connectTeam(team.owner.url, { password: team.owner.password });
      try {
        await removeMember(client, team.library, 'rex');
        expect((await listMembers(client, team.library)).map((m) => m.name)).not.toContain('rex');
      } finally {
        await client.end();
      }
      // The same open connection: the next query already sees nothing.
      expect((await rex.query('SELECT * FROM casefile.row')).rowCount).toBe(0);
      expect((await rex.query('SELECT * FROM casefile.library')).rowCount).toBe(0);
      expect((await rex.query('SELECT * FROM casefile.change_set')).rowCount).toBe(0);
      expect(await refused(insertRow(rex, team.library.id, 'rex'))).toBe('42501');
    } finally {
      await rex.end();
    }
  });

  it('lists members for members, and lets only owners manage them', async () => {
    const client = await connectTeam(team.members.edith!.url, { password: team.members.edith!.password });
    try {
      const names = (await listMembers(client, team.library)).map((m) => `${m.name}:${m.role}`);
      expect(names).toEqual(expect.arrayContaining(['admin:owner', 'edith:editor', 'vera:viewer']));
      await expect(addMember(client, team.library, 'vera', 'owner')).rejects.toMatchObject({ code: 'TEAM_REFUSED' });
    } finally {
      await client.end();
    }
  });

  it('refuses a client older than the server schema with "update Casefile"', async () => {
    await ownerRaw.query('INSERT INTO casefile.schema_version (version) VALUES (99)');
    try {
      const client = await connectTeam(team.members.vera!.url, { password: team.members.vera!.password });
      try {
        await expect(checkServerSchema(client)).rejects.toMatchObject({ code: 'TEAM_SERVER_TOO_NEW', message: expect.stringContaining('Update Casefile') });
      } finally {
        await client.end();
      }
    } finally {
      await ownerRaw.query('DELETE FROM casefile.schema_version WHERE version = 99');
    }
  });
});
