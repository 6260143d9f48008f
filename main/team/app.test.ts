// The app's team sign-in with a host that keeps passwords (the desktop app's keychain store,
// here over a stand-in cipher) against a real PostgreSQL on loopback.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresAvailable, startCluster, type Cluster } from './testing/cluster.ts';
import { createTestTeam, type TestTeam } from './testing/team.ts';
import { addArticle, closeLibrary, openTestLibrary, tempDir } from './testing/library.ts';
import { formatTeamUrl } from './server/connect.ts';
import { joinFromApp, stopTeamSync, syncFromApp, teamStatusForApp } from './app.ts';
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
    team = await createTestTeam(cluster, { edith: 'editor', rex: 'editor' });
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

  it('forgets a kept password the server refuses while the app runs (live sync and Sync now), and asks to sign in', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'rex.casefile');
    const storeFile = path.join(dir, 'team-passwords.json');
    const host = nodeHost({ secrets: fileSecretStore(storeFile, cipher) });
    const rex = team.members.rex!;

    const library = openTestLibrary(file);
    try {
      await joinFromApp(library, host, formatTeamUrl(rex.url), rex.password);
      await until(() => teamStatusForApp(library, host).indicator === 'up-to-date', 'the first sync');
      expect(fs.readFileSync(storeFile, 'utf8')).not.toBe('{}');

      // The password changes on the server while the app is signed in; the next live sync is refused.
      const admin = await team.raw(team.owner);
      await admin.query(`ALTER ROLE ${admin.escapeIdentifier(rex.url.user)} PASSWORD 'changed-while-running-42'`);
      await admin.end();
      addArticle(library.db, 'Written after the change', 'A local change that live sync tries to send.');
      await until(() => teamStatusForApp(library, host).indicator === 'needs-password', 'the refused password to be forgotten');
      expect(fs.readFileSync(storeFile, 'utf8')).toBe('{}');
      expect(teamStatusForApp(library, host).indicator).toBe('needs-password'); // stays asking: nothing signs in again by itself

      // Signing in with the new password keeps it again; Sync now with a refused password forgets it too.
      await joinFromApp(library, host, formatTeamUrl(rex.url), 'changed-while-running-42');
      await until(() => teamStatusForApp(library, host).indicator === 'up-to-date', 'signing in again');
      expect(fs.readFileSync(storeFile, 'utf8')).not.toBe('{}');
      const again = await team.raw(team.owner);
      await again.query(`ALTER ROLE ${again.escapeIdentifier(rex.url.user)} PASSWORD 'changed-twice-42'`);
      await again.end();
      await expect(syncFromApp(library, host)).rejects.toMatchObject({ code: 'TEAM_LOGIN_FAILED' });
      expect(fs.readFileSync(storeFile, 'utf8')).toBe('{}');
      expect(teamStatusForApp(library, host).indicator).toBe('needs-password');
    } finally {
      await stopTeamSync(library);
      closeLibrary(library);
    }
    for (const password of [rex.password, 'changed-while-running-42', 'changed-twice-42']) {
      expect(fs.readFileSync(file).includes(Buffer.from(password))).toBe(false); // never in the library file
    }
  });
});
