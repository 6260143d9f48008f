// The team server's schema: a `casefile` schema in any PostgreSQL 14+ database, with
// versioned migrations. There is no Casefile server process: PostgreSQL itself keeps the
// versions (one counter per library, taken under its row lock so versions follow commit
// order), the permissions (grants + row-level security keyed on current_user) and the
// live notifications (NOTIFY after each push).
//
// Synced rows live in ONE table, `casefile.row`, keyed by the row's global id, its columns as
// JSON with local foreign keys translated to global ids. One table rather than one per local
// table: one versioning path, one set of policies, and a new local table syncs without a
// server migration; the server never needs to understand a row, only who may change it.
import type { ClientBase } from 'pg';
import { AppError } from '../../../common/api/errors.ts';

/** The schema version this Casefile writes and understands. */
export const SERVER_SCHEMA_VERSION = 1;

/** The group role every member's login role belongs to (table grants go to it). */
export const MEMBER_GROUP = 'casefile_member';

const migrations: readonly { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${MEMBER_GROUP}') THEN
          CREATE ROLE ${MEMBER_GROUP} NOLOGIN;
        END IF;
      END $$;

      CREATE TABLE casefile.library (
        id uuid PRIMARY KEY,
        name text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
        -- The library's version: the number of the last push. Taken by UPDATE ... RETURNING
        -- inside the pushing transaction, so the row lock orders writers by commit.
        version bigint NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE casefile.member (
        library_id uuid NOT NULL REFERENCES casefile.library(id) ON DELETE CASCADE,
        role_name name NOT NULL,
        role text NOT NULL CHECK (role IN ('owner', 'editor', 'viewer')),
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (library_id, role_name)
      );

      -- One push: the audit trail, the feed, and what makes a retried push idempotent.
      CREATE TABLE casefile.change_set (
        library_id uuid NOT NULL REFERENCES casefile.library(id) ON DELETE CASCADE,
        gid uuid NOT NULL,
        version bigint NOT NULL,
        author name NOT NULL,
        label text NOT NULL,
        row_count integer NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (library_id, gid)
      );
      CREATE INDEX change_set_by_version ON casefile.change_set(library_id, version);

      CREATE TABLE casefile.row (
        library_id uuid NOT NULL REFERENCES casefile.library(id) ON DELETE CASCADE,
        gid uuid NOT NULL,
        tbl text NOT NULL,
        version bigint NOT NULL,
        -- Who made the row (never changes: no UPDATE grant on it) and who changed it last.
        created_by name NOT NULL,
        author name NOT NULL,
        deleted boolean NOT NULL DEFAULT false,
        data jsonb,
        change_set uuid NOT NULL,
        PRIMARY KEY (library_id, gid),
        CHECK (deleted OR data IS NOT NULL)
      );
      CREATE INDEX row_by_version ON casefile.row(library_id, version);

      -- Evidence files, content-addressed; insert-only, and the server itself checks the hash.
      CREATE TABLE casefile.blob (
        library_id uuid NOT NULL REFERENCES casefile.library(id) ON DELETE CASCADE,
        sha256 text NOT NULL,
        bytes bytea NOT NULL,
        PRIMARY KEY (library_id, sha256),
        CHECK (sha256 = encode(sha256(bytes), 'hex'))
      );

      -- The caller's role in a library. SECURITY DEFINER so the member table's own policies
      -- can ask it without recursing into themselves; it answers only for the user it is given,
      -- which the policies pass as current_user.
      CREATE FUNCTION casefile.role_of(lib uuid, who name) RETURNS text
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
        AS $f$ SELECT role FROM casefile.member WHERE library_id = lib AND role_name = who $f$;
      REVOKE ALL ON FUNCTION casefile.role_of(uuid, name) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION casefile.role_of(uuid, name) TO ${MEMBER_GROUP};

      CREATE TABLE casefile.schema_version (version integer NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());

      GRANT USAGE ON SCHEMA casefile TO ${MEMBER_GROUP};
      GRANT SELECT ON casefile.schema_version TO ${MEMBER_GROUP};
      GRANT SELECT, UPDATE (version) ON casefile.library TO ${MEMBER_GROUP};
      GRANT SELECT, INSERT, UPDATE (role), DELETE ON casefile.member TO ${MEMBER_GROUP};
      GRANT SELECT, INSERT ON casefile.change_set TO ${MEMBER_GROUP};
      GRANT SELECT, INSERT, UPDATE (version, author, deleted, data, change_set) ON casefile.row TO ${MEMBER_GROUP};
      GRANT SELECT, INSERT ON casefile.blob TO ${MEMBER_GROUP};

      ALTER TABLE casefile.library ENABLE ROW LEVEL SECURITY;
      ALTER TABLE casefile.member ENABLE ROW LEVEL SECURITY;
      ALTER TABLE casefile.change_set ENABLE ROW LEVEL SECURITY;
      ALTER TABLE casefile.row ENABLE ROW LEVEL SECURITY;
      ALTER TABLE casefile.blob ENABLE ROW LEVEL SECURITY;

      -- Members see their own membership rows and those of libraries they belong to;
      -- only owners add, change or remove members.
      CREATE POLICY member_read ON casefile.member FOR SELECT
        USING (role_name = current_user OR casefile.role_of(library_id, current_user) IS NOT NULL);
      CREATE POLICY member_add ON casefile.member FOR INSERT
        WITH CHECK (casefile.role_of(library_id, current_user) = 'owner');
      CREATE POLICY member_change ON casefile.member FOR UPDATE
        USING (casefile.role_of(library_id, current_user) = 'owner')
        WITH CHECK (casefile.role_of(library_id, current_user) = 'owner');
      CREATE POLICY member_remove ON casefile.member FOR DELETE
        USING (casefile.role_of(library_id, current_user) = 'owner');

      -- The other tables ask the member table directly (its read policy already limits it to
      -- the caller's libraries), so a pull of 50,000 rows checks membership once, not per row.
      CREATE POLICY library_read ON casefile.library FOR SELECT
        USING (id IN (SELECT library_id FROM casefile.member WHERE role_name = current_user));
      CREATE POLICY library_version ON casefile.library FOR UPDATE
        USING (id IN (SELECT library_id FROM casefile.member WHERE role_name = current_user AND role IN ('owner', 'editor')));

      CREATE POLICY change_set_read ON casefile.change_set FOR SELECT
        USING (library_id IN (SELECT library_id FROM casefile.member WHERE role_name = current_user));
      CREATE POLICY change_set_write ON casefile.change_set FOR INSERT
        WITH CHECK (author = current_user
          AND library_id IN (SELECT library_id FROM casefile.member WHERE role_name = current_user AND role IN ('owner', 'editor')));

      CREATE POLICY row_read ON casefile.row FOR SELECT
        USING (library_id IN (SELECT library_id FROM casefile.member WHERE role_name = current_user));
      -- Editors and owners add rows, always as themselves.
      CREATE POLICY row_add ON casefile.row FOR INSERT
        WITH CHECK (created_by = current_user AND author = current_user
          AND library_id IN (SELECT library_id FROM casefile.member WHERE role_name = current_user AND role IN ('owner', 'editor')));
      -- Owners change (and tombstone) any row; editors only the rows they made.
      CREATE POLICY row_change ON casefile.row FOR UPDATE
        USING (library_id IN (SELECT library_id FROM casefile.member WHERE role_name = current_user AND role = 'owner')
          OR (created_by = current_user
            AND library_id IN (SELECT library_id FROM casefile.member WHERE role_name = current_user AND role = 'editor')))
        WITH CHECK (author = current_user);

      CREATE POLICY blob_read ON casefile.blob FOR SELECT
        USING (library_id IN (SELECT library_id FROM casefile.member WHERE role_name = current_user));
      CREATE POLICY blob_add ON casefile.blob FOR INSERT
        WITH CHECK (library_id IN (SELECT library_id FROM casefile.member WHERE role_name = current_user AND role IN ('owner', 'editor')));
    `,
  },
];

/** The schema version of the server, or 0 when it has no Casefile schema yet. */
export async function serverSchemaVersion(client: ClientBase): Promise<number> {
  const exists = await client.query<{ found: boolean }>(
    "SELECT to_regclass('casefile.schema_version') IS NOT NULL AS found",
  );
  if (!exists.rows[0]?.found) return 0;
  const result = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM casefile.schema_version');
  return result.rows[0]?.version ?? 0;
}

/** Refuses a server whose schema is newer than this Casefile, or one that was never set up. */
export async function checkServerSchema(client: ClientBase): Promise<void> {
  const version = await serverSchemaVersion(client);
  if (version > SERVER_SCHEMA_VERSION) {
    throw new AppError('TEAM_SERVER_TOO_NEW', `The server's team schema is version ${version}; this Casefile understands up to ${SERVER_SCHEMA_VERSION}. Update Casefile.`);
  }
  if (version === 0) {
    throw new AppError('TEAM_NOT_JOINED', 'That database has no Casefile team schema; an administrator creates it with "casefile team init".');
  }
}

/**
 * Brings the server schema up to this Casefile's version, in one transaction under an
 * advisory lock (two administrators running init at once do not both migrate).
 */
export async function migrateServer(client: ClientBase): Promise<{ from: number; to: number }> {
  await client.query('BEGIN');
  try {
    await client.query("SELECT pg_advisory_xact_lock(hashtext('casefile.migrate'))");
    await client.query('CREATE SCHEMA IF NOT EXISTS casefile');
    const from = await serverSchemaVersion(client);
    if (from > SERVER_SCHEMA_VERSION) await checkServerSchema(client);
    for (const migration of migrations) {
      if (migration.version <= from) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO casefile.schema_version (version) VALUES ($1)', [migration.version]);
    }
    await client.query('COMMIT');
    return { from, to: Math.max(from, SERVER_SCHEMA_VERSION) };
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}
