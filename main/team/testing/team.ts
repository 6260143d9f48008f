// A team library on a throwaway cluster, for tests: a database, `team init` as the
// administrator (the owner), and members with the roles asked for.
import pg from 'pg';
import { connectTeam, parseTeamUrl, type TeamUrl } from '../server/connect.ts';
import { addMember, initTeamLibrary, type TeamLibrary, type TeamRole } from '../server/members.ts';
import type { Cluster } from './cluster.ts';

export interface TestMember {
  name: string;
  role: TeamRole;
  password: string;
  url: TeamUrl;
}

export interface TestTeam {
  library: TeamLibrary;
  database: string;
  owner: TestMember;
  members: Record<string, TestMember>;
  /** A raw pg client logged in as that member (the caller ends it). */
  raw(member: TestMember): Promise<pg.Client>;
}

let databases = 0;

export async function createTestTeam(cluster: Cluster, members: Record<string, TeamRole>, libraryName = 'desk'): Promise<TestTeam> {
  databases += 1;
  const database = `team_${process.pid}_${databases}`;
  const admin = new pg.Client({ host: cluster.host, port: cluster.port, user: cluster.admin.user, password: cluster.admin.password, database: 'postgres' });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(database)}`);
  await admin.end();
  const ownerUrl = parseTeamUrl(`postgresql://${cluster.admin.user}@${cluster.host}:${cluster.port}/${database}?library=${libraryName}`);
  const client = await connectTeam(ownerUrl, { password: cluster.admin.password });
  try {
    const library = await initTeamLibrary(client, libraryName);
    const made: Record<string, TestMember> = {};
    for (const [name, role] of Object.entries(members)) {
      const added = await addMember(client, library, name, role);
      if (!added.password) throw new Error(`test member ${name} already existed`);
      made[name] = { name, role, password: added.password, url: { ...ownerUrl, user: name } };
    }
    return {
      library: { id: library.id, name: library.name },
      database,
      owner: { name: cluster.admin.user, role: 'owner', password: cluster.admin.password, url: ownerUrl },
      members: made,
      async raw(member) {
        const c = new pg.Client({ host: cluster.host, port: cluster.port, user: member.name, password: member.password, database });
        c.on('error', () => {});
        await c.connect();
        return c;
      },
    };
  } finally {
    await client.end();
  }
}
