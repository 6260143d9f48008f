// The `casefile team ...` subcommands (the command is team.ts, which loads this file when
// it runs: other commands do not load the team client and the sync engine). Passwords come
// from PGPASSWORD, a pgpass file or a prompt and are never printed or stored by Casefile.
import fs from 'node:fs';
import readline from 'node:readline';
import { Writable } from 'node:stream';
import { AppError } from '../../../common/api/errors.ts';
import { closeLibrary, openLibrarySession } from '../../services/library.ts';
import { connectTeam, formatTeamUrl, parseTeamUrl, resolvePassword, teamError, type TeamUrl } from '../../team/server/connect.ts';
import { TEAM_ROLES, addMember, findTeamLibrary, initTeamLibrary, listMembers, removeMember, type TeamRole } from '../../team/server/members.ts';
import { syncLibrary } from '../../team/sync/engine.ts';
import { joinedTeam } from '../../team/sync/state.ts';
import { joinTeam, listConflicts, resolveConflict, teamStatus } from '../../team/sync/team.ts';
import { UsageError, parseId, type CommandContext } from '../command.ts';

/** Asks for the password on the terminal without echoing it; none without a terminal. */
async function promptPassword(url: TeamUrl): Promise<string | undefined> {
  if (!process.stdin.isTTY) {
    throw new AppError('TEAM_LOGIN_FAILED', `No password for "${url.user}": set PGPASSWORD or a pgpass file (PGPASSFILE), or run in a terminal to be asked.`);
  }
  let muted = false;
  const output = new Writable({
    write(chunk, _encoding, done) {
      if (!muted) process.stderr.write(chunk as Buffer);
      done();
    },
  });
  const rl = readline.createInterface({ input: process.stdin, output, terminal: true });
  try {
    const answer = new Promise<string>((resolve) => rl.question(`Password for ${url.user}@${url.host}: `, resolve));
    muted = true;
    const password = await answer;
    process.stderr.write('\n');
    return password;
  } finally {
    rl.close();
  }
}

async function passwordFor(url: TeamUrl): Promise<string | undefined> {
  return resolvePassword(() => promptPassword(url));
}

const SUBCOMMANDS = ['init', 'add-member', 'remove-member', 'members', 'join', 'sync', 'status', 'conflicts', 'resolve'] as const;

function isRole(value: unknown): value is TeamRole {
  return TEAM_ROLES.includes(value as TeamRole);
}

/** The server named by --server, else the one the library syncs with. */
function serverUrl(context: CommandContext, server: unknown): TeamUrl {
  if (typeof server === 'string') return parseTeamUrl(server);
  if (!fs.existsSync(context.libraryPath)) throw new UsageError('Name the team server with --server URL.');
  const { library } = context.open();
  const joined = joinedTeam(library.db);
  if (!joined) throw new UsageError('This library has joined no team library; name the server with --server URL.');
  return joined.url;
}

async function onServer<T>(url: TeamUrl, work: (client: Awaited<ReturnType<typeof connectTeam>>) => Promise<T>): Promise<T> {
  const client = await connectTeam(url, { password: await passwordFor(url) });
  try {
    return await work(client);
  } catch (error) {
    throw teamError(error, url);
  } finally {
    await client.end().catch(() => {});
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Runs `casefile team SUBCOMMAND [ARG]`. */
export async function runTeam(context: CommandContext, { values, positionals }: { values: Record<string, unknown>; positionals: string[] }): Promise<number> {
  const [sub, arg, ...rest] = positionals;
  if (!SUBCOMMANDS.includes(sub as (typeof SUBCOMMANDS)[number])) {
    throw new UsageError(sub ? `"${sub}" is not a team command.` : 'Which team command?');
  }
  if (rest.length > 0) throw new UsageError(`Unexpected "${rest[0]}".`);
  switch (sub) {
    case 'init': {
      if (typeof values.server !== 'string' || typeof values.name !== 'string') throw new UsageError('team init needs --server URL and --name NAME.');
      const url = parseTeamUrl(values.server, false);
      const made = await onServer(url, (client) => initTeamLibrary(client, values.name as string));
      const joinUrl = formatTeamUrl({ ...url, library: made.name });
      context.out(`Created the team library "${made.name}" (server schema version ${made.schema.to}); you (${url.user}) are its owner.`);
      context.out(`Join it from a library:  casefile team join '${joinUrl}'`);
      context.out(`Add members:             casefile team add-member NAME --role editor --server '${joinUrl}'`);
      return 0;
    }
    case 'add-member': {
      if (!arg) throw new UsageError('Which member? team add-member NAME --role owner|editor|viewer');
      if (!isRole(values.role)) throw new UsageError('--role must be owner, editor or viewer.');
      const url = serverUrl(context, values.server);
      const added = await onServer(url, async (client) => addMember(client, await findTeamLibrary(client, url.library), arg, values.role as TeamRole));
      const theirUrl = formatTeamUrl({ ...url, user: added.name });
      context.out(`${added.name} is now a member of "${url.library}" with the role ${added.role}.`);
      context.out('Send them, by two different channels:');
      context.out(`  1. The command:  casefile team join '${theirUrl}'`);
      context.out(
        added.password
          ? `  2. Their password (shown once, not stored by Casefile): ${added.password}`
          : '  2. Their existing database password (the login already existed; it was not changed).',
      );
      return 0;
    }
    case 'remove-member': {
      if (!arg) throw new UsageError('Which member? team remove-member NAME');
      const url = serverUrl(context, values.server);
      await onServer(url, async (client) => removeMember(client, await findTeamLibrary(client, url.library), arg));
      context.out(`${arg} is no longer a member of "${url.library}"; the server shows them nothing more.`);
      return 0;
    }
    case 'members': {
      const url = serverUrl(context, values.server);
      const members = await onServer(url, async (client) => listMembers(client, await findTeamLibrary(client, url.library)));
      if (values.json) context.json(members);
      else for (const m of members) context.out(`${m.name.padEnd(20)} ${m.role.padEnd(7)} added ${m.addedAt.slice(0, 10)}`);
      return 0;
    }
    case 'join': {
      if (!arg) throw new UsageError('Which team library? team join URL');
      const url = parseTeamUrl(arg);
      const password = await passwordFor(url);
      const existed = fs.existsSync(context.libraryPath) && fs.statSync(context.libraryPath).size > 0;
      const library = openLibrarySession(context.libraryPath, { create: !existed, seed: false, dailyBackup: false, host: context.host });
      try {
        const report = await joinTeam(library.db, url, { password, localOrigin: 'cli' });
        context.out(
          `Joined "${report.library}" as ${url.user}: ${plural(report.pushed, 'row')} sent, ${plural(report.pulled, 'row')} received` +
            (report.conflicts > 0 ? `, ${plural(report.conflicts, 'conflict')} (casefile team conflicts)` : '') +
            '.',
        );
      } finally {
        closeLibrary(library);
      }
      return 0;
    }
    case 'sync': {
      const { library } = context.open();
      const joined = joinedTeam(library.db);
      if (!joined) throw new AppError('TEAM_NOT_JOINED');
      const report = await syncLibrary(library.db, { password: await passwordFor(joined.url), localOrigin: 'cli' });
      if (values.json) context.json(report);
      else {
        context.out(
          `Synced with "${joined.url.library}" (version ${report.version}): ${plural(report.pushed, 'row')} sent, ${plural(report.pulled, 'row')} received` +
            (report.conflicts > 0 ? `, ${plural(report.conflicts, 'new conflict')} (casefile team conflicts)` : '') +
            '.',
        );
      }
      return 0;
    }
    case 'status': {
      const { library } = context.open();
      const status = teamStatus(library.db);
      if (values.json) context.json(status);
      else if (!status.joined) context.out('Not part of a team library (casefile team join URL).');
      else {
        context.out(`Team library "${status.library}" at ${status.url} as ${status.member} (${status.role ?? 'role not known yet'}).`);
        context.out(`Last sync: ${status.lastSyncAt ?? 'never'}${status.lastError ? ` (last attempt failed: ${status.lastError})` : ''}; version ${status.version}.`);
        context.out(`${plural(status.waiting, 'change')} waiting to be sent; ${plural(status.conflicts, 'conflict')}.`);
      }
      return 0;
    }
    case 'conflicts': {
      const { library } = context.open();
      const conflicts = listConflicts(library.db);
      if (values.json) context.json(conflicts);
      else if (conflicts.length === 0) context.out('No conflicts.');
      else {
        for (const c of conflicts) {
          context.out(`#${c.id} ${c.kind} in ${c.table} ${c.gid} (theirs by ${c.theirAuthor ?? '?'}, ${c.at})`);
          for (const [field, v] of Object.entries(c.fields)) {
            context.out(`    ${field}: mine ${JSON.stringify(v.mine)} | theirs ${JSON.stringify(v.theirs)}`);
          }
          if (c.copyGid) context.out(`    your version is the conflicted copy ${c.copyGid}`);
        }
      }
      return 0;
    }
    case 'resolve': {
      const id = parseId(arg, 'The conflict ID');
      if (values.keep !== 'mine' && values.keep !== 'theirs' && values.keep !== 'both') throw new UsageError('--keep must be mine, theirs or both.');
      const { library } = context.open();
      resolveConflict(library.db, id, values.keep, 'cli');
      context.out(`Conflict ${id} resolved: kept ${values.keep}. It reaches the team at the next sync.`);
      return 0;
    }
  }
  return 2;
}
