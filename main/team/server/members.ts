// Team libraries and their members on the server: `team init`, `add-member`,
// `remove-member`, `members`. Each member is a PostgreSQL login role in the casefile_member
// group; what they may do is decided by the server's grants and row-level security.
import { createHash, createHmac, pbkdf2Sync, randomBytes, randomUUID } from 'node:crypto';
import type { ClientBase } from 'pg';
import { AppError } from '../../../common/api/errors.ts';
import { MEMBER_GROUP, checkServerSchema, migrateServer } from './schema.ts';

export type TeamRole = 'owner' | 'editor' | 'viewer';
export const TEAM_ROLES: readonly TeamRole[] = ['owner', 'editor', 'viewer'];

export interface TeamLibrary {
  id: string;
  name: string;
}

const MEMBER_NAME = /^[a-z][a-z0-9_]{0,62}$/;

export function checkMemberName(name: string): string {
  if (!MEMBER_NAME.test(name)) {
    throw new AppError('INVALID_INPUT', `"${name}" cannot be a member name: use lower-case letters, digits and _ (starting with a letter, at most 63).`);
  }
  return name;
}

/**
 * A SCRAM-SHA-256 verifier (RFC 5802/7677, PostgreSQL's stored form), so CREATE ROLE sends the
 * server a verifier and the new member's password never appears in the server's statement log.
 */
export function scramVerifier(password: string, iterations = 4096): string {
  const salt = randomBytes(16);
  const salted = pbkdf2Sync(password.normalize('NFKC'), salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

/**
 * `team init`: creates or upgrades the team schema, creates the library and makes the caller
 * (an administrator's login) its owner.
 */
export async function initTeamLibrary(client: ClientBase, name: string): Promise<TeamLibrary & { schema: { from: number; to: number } }> {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > 200) throw new AppError('INVALID_INPUT', 'A team library needs a name of 1 to 200 characters (--name).');
  const schema = await migrateServer(client);
  await client.query('BEGIN');
  try {
    const existing = await client.query<{ id: string }>('SELECT id FROM casefile.library WHERE name = $1', [trimmed]);
    if (existing.rows.length > 0) {
      throw new AppError('CONFLICT', `A team library named "${trimmed}" already exists on that server.`);
    }
    const id = randomUUID();
    await client.query('INSERT INTO casefile.library (id, name) VALUES ($1, $2)', [id, trimmed]);
    await client.query("INSERT INTO casefile.member (library_id, role_name, role) VALUES ($1, current_user, 'owner')", [id]);
    await client.query('COMMIT');
    return { id, name: trimmed, schema };
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

export async function findTeamLibrary(client: ClientBase, name: string): Promise<TeamLibrary> {
  await checkServerSchema(client);
  const result = await client.query<{ id: string; name: string }>('SELECT id, name FROM casefile.library WHERE name = $1', [name]);
  const library = result.rows[0];
  if (!library) throw new AppError('NOT_FOUND', `There is no team library "${name}" on that server that this login belongs to.`);
  return library;
}

export interface AddedMember {
  name: string;
  role: TeamRole;
  /** A new password when the login role was made here; null when the role already existed. */
  password: string | null;
}

/** `team add-member`: makes the login role (when the caller may) and the membership. */
export async function addMember(client: ClientBase, library: TeamLibrary, name: string, role: TeamRole): Promise<AddedMember> {
  checkMemberName(name);
  if (!TEAM_ROLES.includes(role)) throw new AppError('INVALID_INPUT', `--role must be owner, editor or viewer, not "${role}".`);
  await client.query('BEGIN');
  try {
    const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name]);
    let password: string | null = null;
    const ident = client.escapeIdentifier(name);
    if (exists.rows.length === 0) {
      const may = await client.query<{ may: boolean }>('SELECT rolcreaterole OR rolsuper AS may FROM pg_roles WHERE rolname = current_user');
      if (!may.rows[0]?.may) {
        throw new AppError('TEAM_REFUSED', `There is no login "${name}" yet, and this login may not create one. Run add-member with an administrator's login.`);
      }
      password = randomBytes(18).toString('base64url');
      // DDL takes no bind parameters: the name is a checked, quoted identifier and the
      // verifier a quoted literal made here (no user text in it).
      await client.query(`CREATE ROLE ${ident} LOGIN PASSWORD ${client.escapeLiteral(scramVerifier(password))} IN ROLE ${MEMBER_GROUP}`);
    } else {
      const inGroup = await client.query<{ yes: boolean }>('SELECT pg_has_role($1, $2, $3) AS yes', [name, MEMBER_GROUP, 'MEMBER']);
      if (!inGroup.rows[0]?.yes) await client.query(`GRANT ${MEMBER_GROUP} TO ${ident}`);
    }
    const changed = await client.query(
      `INSERT INTO casefile.member (library_id, role_name, role) VALUES ($1, $2, $3)
       ON CONFLICT (library_id, role_name) DO UPDATE SET role = excluded.role`,
      [library.id, name, role],
    );
    if (changed.rowCount !== 1) throw new AppError('TEAM_REFUSED', 'Only an owner of the team library adds members.');
    await client.query('COMMIT');
    return { name, role, password };
  } catch (error) {
    await client.query('ROLLBACK');
    if ((error as { code?: string }).code === '42501') throw new AppError('TEAM_REFUSED', 'Only an owner of the team library adds members.');
    throw error;
  }
}

/** `team remove-member`: the membership goes, so the server shows that login nothing more. */
export async function removeMember(client: ClientBase, library: TeamLibrary, name: string): Promise<void> {
  checkMemberName(name);
  await client.query('BEGIN');
  try {
    const owners = await client.query<{ role_name: string }>("SELECT role_name FROM casefile.member WHERE library_id = $1 AND role = 'owner'", [library.id]);
    if (owners.rows.length === 1 && owners.rows[0]!.role_name === name) {
      throw new AppError('CONFLICT', `"${name}" is the library's only owner; add another owner first.`);
    }
    const removed = await client.query('DELETE FROM casefile.member WHERE library_id = $1 AND role_name = $2', [library.id, name]);
    if (removed.rowCount !== 1) {
      throw new AppError('NOT_FOUND', `"${name}" is not a member of "${library.name}" (or this login may not remove members).`);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

export interface MemberRow {
  name: string;
  role: TeamRole;
  addedAt: string;
}

export async function listMembers(client: ClientBase, library: TeamLibrary): Promise<MemberRow[]> {
  const result = await client.query<{ role_name: string; role: TeamRole; added_at: Date }>(
    'SELECT role_name, role, added_at FROM casefile.member WHERE library_id = $1 ORDER BY role_name',
    [library.id],
  );
  return result.rows.map((r) => ({ name: r.role_name, role: r.role, addedAt: r.added_at.toISOString() }));
}
