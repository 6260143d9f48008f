// Connecting to a team server. A team URL names the server, database, login and library:
//   postgresql://alice@db.example.org:5432/casefile?library=desk
// It never carries a password: the CLI reads PGPASSWORD or a pgpass file (PGPASSFILE,
// ~/.pgpass), else prompts; the app keeps it with Electron safeStorage. A server that is not
// on this computer is reached only over TLS with the certificate verified; plain or
// unverified connections to it are refused. Nothing here ever prints a password.
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { AppError } from '../../../common/api/errors.ts';

export interface TeamUrl {
  host: string;
  port: number;
  database: string;
  user: string;
  library: string;
  /** Extra CA certificate file for servers with a private certificate authority. */
  sslRootCert: string | null;
}

const SCHEMES = new Set(['postgresql:', 'postgres:']);

function invalid(reason: string): AppError {
  return new AppError('INVALID_INPUT', `That team URL is not valid: ${reason} Expected postgresql://USER@HOST:PORT/DATABASE?library=NAME.`);
}

/** Parses a team URL; `requireLibrary` is false for `team init`, which names the library itself. */
export function parseTeamUrl(text: string, requireLibrary = true): TeamUrl {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid('it is not a URL.');
  }
  if (!SCHEMES.has(url.protocol)) throw invalid(`it starts with "${url.protocol}", not "postgresql:".`);
  if (url.password) {
    throw invalid('it contains a password. Leave it out: Casefile reads PGPASSWORD or your pgpass file, or asks.');
  }
  const user = decodeURIComponent(url.username);
  if (!user) throw invalid('it names no login (USER@).');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!host) throw invalid('it names no server.');
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!database) throw invalid('it names no database.');
  const port = url.port ? Number(url.port) : 5432;
  const library = url.searchParams.get('library') ?? '';
  if (requireLibrary && !library) throw invalid('it names no team library (?library=NAME).');
  const sslmode = url.searchParams.get('sslmode');
  if (sslmode && !isLoopback(host) && sslmode !== 'verify-full') {
    throw new AppError('TEAM_INSECURE', `sslmode=${sslmode} was asked for ${host}: Casefile connects to a server on another computer only over TLS with a verified certificate (sslmode=verify-full).`);
  }
  return { host, port, database, user, library, sslRootCert: url.searchParams.get('sslrootcert') };
}

/** The URL as stored and shown: never with a password (it never has one). */
export function formatTeamUrl(url: TeamUrl): string {
  const host = url.host.includes(':') ? `[${url.host}]` : url.host;
  const params = new URLSearchParams();
  if (url.library) params.set('library', url.library);
  if (url.sslRootCert) params.set('sslrootcert', url.sslRootCert);
  const query = params.toString();
  return `postgresql://${encodeURIComponent(url.user)}@${host}:${url.port}/${encodeURIComponent(url.database)}${query ? `?${query}` : ''}`;
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host) || host.startsWith('/');
}

/** How a password is found when none is given: PGPASSWORD, a pgpass file, or a prompt. */
export type PasswordSource = () => Promise<string | undefined>;

function pgpassFile(): string {
  return process.env.PGPASSFILE ?? path.join(os.homedir(), '.pgpass');
}

/**
 * The password to give pg, or undefined to let pg find it itself (PGPASSWORD, pgpass file).
 * `prompt` is asked only when neither exists.
 */
export async function resolvePassword(prompt: PasswordSource | null): Promise<string | undefined> {
  if (process.env.PGPASSWORD !== undefined) return undefined;
  if (existsSync(pgpassFile())) return undefined;
  if (prompt) return prompt();
  return undefined;
}

export interface ConnectOptions {
  /** A password from the caller (the app's safeStorage, a prompt, a test). */
  password?: string;
  /** Seconds to wait for the server before calling it unreachable. */
  connectTimeoutSeconds?: number;
}

export function clientConfig(url: TeamUrl, options: ConnectOptions = {}): pg.ClientConfig {
  const config: pg.ClientConfig = {
    host: url.host,
    port: url.port,
    database: url.database,
    user: url.user,
    application_name: 'casefile',
    connectionTimeoutMillis: (options.connectTimeoutSeconds ?? 10) * 1000,
    // A dead server must not hang a sync forever.
    query_timeout: 120_000,
    keepAlive: true,
  };
  if (options.password !== undefined) config.password = options.password;
  if (!isLoopback(url.host)) {
    config.ssl = {
      rejectUnauthorized: true,
      servername: url.host,
      ...(url.sslRootCert ? { ca: readFileSync(url.sslRootCert, 'utf8') } : {}),
    };
  } else {
    config.ssl = false;
  }
  return config;
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', '57P01', '57P02', '57P03', '08006', '08001', '08003']);

/**
 * Turns a pg or network failure into a closed error whose words Casefile wrote itself
 * (pg's own messages can quote server settings; none of them carries a password, but the
 * rule stays simple: nothing from an exception crosses the boundary).
 */
export function teamError(error: unknown, url: TeamUrl): Error {
  if (error instanceof AppError) return error;
  const code = (error as { code?: string }).code ?? '';
  const message = (error as Error)?.message ?? '';
  const where = `${url.host}:${url.port}/${url.database}`;
  if (code === '28P01' || code === '28000') return new AppError('TEAM_LOGIN_FAILED', `The server ${where} refused the login "${url.user}".`);
  if (code === '42501') return new AppError('TEAM_REFUSED', `The server ${where} refused a change by "${url.user}".`);
  if (UNREACHABLE.has(code) || /timeout|terminat|Connection terminated|connect/i.test(message)) {
    return new AppError('TEAM_UNREACHABLE', `${where} did not answer.`);
  }
  if (/self[- ]signed|certificate|SSL|TLS/i.test(message)) {
    return new AppError('TEAM_INSECURE', `The certificate of ${url.host} could not be verified.`);
  }
  if (code === '3D000') return new AppError('TEAM_UNREACHABLE', `The database "${url.database}" does not exist on ${url.host}:${url.port}.`);
  return error instanceof Error ? error : new Error(String(error));
}

/** Opens one connection; failures come back as closed team errors. */
export async function connectTeam(url: TeamUrl, options: ConnectOptions = {}): Promise<pg.Client> {
  // pg loads on the first connection, not with every command: it costs a CLI start ~30 ms.
  const { Client } = (await import('pg')).default;
  const client = new Client(clientConfig(url, options));
  // A connection that dies later must not crash the process; the next query reports it.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => {});
    throw teamError(error, url);
  }
  return client;
}
