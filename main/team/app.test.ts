// The app's team sign-in with a host that keeps passwords (the desktop app's keychain store,
// here over a stand-in cipher) against a real PostgreSQL on loopback.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresAvailable, startCluster, type Cluster } from './testing/cluster.ts';
import { createTestTeam, type TestTeam } from './testing/team.ts';
import { closeLibrary, openTestLibrary, tempDir } from './testing/library.ts';
import { formatTeamUrl } from './server/connect.ts';
import { joinFromApp, stopTeamSync, teamStatusForApp } from './app.ts';
import { nodeHost } from '../services/host.ts';
import { fileSecretStore, type SecretStore } from '../services/secrets.ts';

const cipher = {
  encryptString: (plain: string) => Buffer.from(plain).reverse(),
  decryptString: (sealed: Buffer) => Buffer.from(sealed).reverse().toString(),
};

async function until<T>(probe: () => T, what: string): Promise<T> {
  for (const started = Date.now(); Date.now() - started < 15_000; await new Promise((r) => setTimeout(r, 50))) {
    const value = probe();
    if (value) return value;
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe.skipIf(!postgresAvailable)('team sign-in in the app, with a host that keeps passwords', () => {
  let cluster: Cluster;
  let team: TestTeam;
  const saved = { PGPASSWORD: process.env.PGPASSWORD, PGPASSFILE: process.env.PGPASSFILE };

  beforeAll(async () => {
    // No password from the environment: only what the app keeps counts.
    delete process.env.PGPASSWORD;
    process.env.PGPASSFILE = path.join(tempDir(), 'no-such-pgpass');
    cluster = await startCluster();
    team = await createTestTeam(cluster, { edith: 'editor' });
  });
  afterAll(() => {
    for (const [key, value] of Object.entries(saved)) if (value === undefined) delete process.env[key];
    else process.env[key] = value;
    cluster?.stop();
  });

  it('keeps the password on joining, signs in with it after a restart, and forgets it once the server refuses it', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'edith.casefile');
    const secrets: SecretStore = fileSecretStore(path.join(dir, 'team-passwords.json'), cipher);
    const host = nodeHost({ secrets });
    const edith = team.members.edith!;

    let library = openTestLibrary(file);
    await joinFromApp(library, host, formatTeamUrl(edith.url), edith.password);
    expect(teamStatusForApp(library, host)).toMatchObject({ joined: true, keepsPassword: true });
    await stopTeamSync(library);
    closeLibrary(library);
    // Never in the library file.
    expect(fs.readFileSync(file).includes(Buffer.from(edith.password))).toBe(false);

    // "Restart": a new open of the library, no password in memory or environment.
    library = openTestLibrary(file);
    expect(teamStatusForApp(library, nodeHost()).indicator).toBe('needs-password'); // a host without a store asks
    expect(['syncing', 'up-to-date']).toContain(teamStatusForApp(library, host).indicator);
    await until(() => teamStatusForApp(library, host).indicator === 'up-to-date', 'signing in with the kept password');
    await stopTeamSync(library);
    closeLibrary(library);

    // The password changes on the server: the kept one is refused, forgotten, and the app asks.
    const admin = await team.raw(team.owner);
    await admin.query(`ALTER ROLE ${admin.escapeIdentifier(edith.url.user)} PASSWORD 'changed-elsewhere-42'`);
    await admin.end();
    library = openTestLibrary(file);
    teamStatusForApp(library, host);
    await until(() => teamStatusForApp(library, host).indicator === 'needs-password', 'the refused password to be forgotten');
    expect(fs.readFileSync(path.join(dir, 'team-passwords.json'), 'utf8')).toBe('{}');
    await stopTeamSync(library);
    closeLibrary(library);
  });
});
