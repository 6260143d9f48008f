// Live sync while the app is open: sync soon after every local change, when a teammate's
// push is announced (LISTEN on the library's channel; every push NOTIFYs it), and at an
// interval as a safety net. One sync at a time; a request during a sync runs one more after
// it. Offline is a state, not an error: changes wait in the library and go at the next try.
import type pg from 'pg';
import { AppError } from '../../../common/api/errors.ts';
import type { Db } from '../../db/open.ts';
import { observeChangeSets } from '../../db/mutation.ts';
import { connectTeam } from '../server/connect.ts';
import { channelOf, syncLibrary, type SyncReport } from './engine.ts';
import { getMeta, requireJoined } from './state.ts';
import { teamStatus } from './team.ts';

export type SyncIndicator =
  | { state: 'up-to-date' }
  | { state: 'syncing' }
  | { state: 'waiting'; count: number }
  | { state: 'offline' }
  | { state: 'conflicts'; count: number };

export interface LiveSyncOptions {
  password?: string;
  /** Safety-net interval (default one minute). */
  intervalMs?: number;
  /** How long to gather local changes before pushing them (default 300 ms). */
  debounceMs?: number;
  onIndicator?: (indicator: SyncIndicator) => void;
  onSynced?: (report: SyncReport) => void;
  /** Hears a sync that failed other than offline (refused, login): the app forgets a refused password. */
  onFailed?: (error: AppError) => void;
}

export function indicatorOf(db: Db, offline: boolean): SyncIndicator {
  const status = teamStatus(db);
  if (status.conflicts > 0) return { state: 'conflicts', count: status.conflicts };
  if (offline) return { state: 'offline' };
  if (status.waiting > 0) return { state: 'waiting', count: status.waiting };
  return { state: 'up-to-date' };
}

export class LiveSync {
  private readonly db: Db;
  private readonly options: LiveSyncOptions;
  private listener: pg.Client | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private offline = false;
  private debounce: NodeJS.Timeout | null = null;
  private interval: NodeJS.Timeout | null = null;
  private reconnect: NodeJS.Timeout | null = null;
  private unobserve: (() => void) | null = null;

  constructor(db: Db, options: LiveSyncOptions = {}) {
    this.db = db;
    this.options = options;
  }

  async start(): Promise<void> {
    requireJoined(this.db);
    this.unobserve = observeChangeSets(this.db, (changeSet) => {
      if (changeSet.origin === 'sync') return;
      this.announce();
      if (this.debounce) clearTimeout(this.debounce);
      this.debounce = setTimeout(() => void this.syncNow(), this.options.debounceMs ?? 300);
    });
    this.interval = setInterval(() => void this.syncNow(), this.options.intervalMs ?? 60_000);
    await this.listen();
    await this.syncNow();
  }

  /** Syncs now, or once more right after the sync already running. Never rejects. */
  syncNow(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        // The library was closed under us (the app switched libraries): stop quietly.
        if (!this.db.open) {
          void this.stop();
          return;
        }
        this.options.onIndicator?.({ state: 'syncing' });
        try {
          const report = await syncLibrary(this.db, { password: this.options.password, localOrigin: 'window' });
          this.offline = false;
          this.options.onSynced?.(report);
        } catch (error) {
          // Unreachable is offline; any other failure (refused, login) is kept in the
          // library's team status (last_error) and shown there.
          this.offline = !(error instanceof AppError) || error.code === 'TEAM_UNREACHABLE';
          if (!this.db.open) return;
          if (!this.offline) this.options.onFailed?.(error as AppError);
        }
        if (this.offline && !this.listener) this.scheduleReconnect();
        this.announce();
      } while (this.again && !this.stopped && !this.offline);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private announce(): void {
    if (this.db.open) this.options.onIndicator?.(indicatorOf(this.db, this.offline));
  }

  private async listen(): Promise<void> {
    const joined = requireJoined(this.db);
    try {
      const client = await connectTeam(joined.url, { password: this.options.password, connectTimeoutSeconds: 5 });
      client.on('notification', (message) => {
        // A stopped sync may still hear one while its listener closes, after the library did.
        if (this.stopped || !this.db.open) return;
        // Our own pushes are announced too; a version already seen needs no pull.
        if (Number(message.payload) > Number(getMeta(this.db, 'last_version') ?? 0)) void this.syncNow();
      });
      client.on('error', () => this.dropListener());
      client.on('end', () => this.dropListener());
      await client.query(`LISTEN ${client.escapeIdentifier(channelOf(joined.libraryId))}`);
      this.listener = client;
    } catch {
      this.offline = true;
      this.announce();
      this.scheduleReconnect();
    }
  }

  private dropListener(): void {
    if (!this.listener) return;
    this.listener = null;
    if (!this.stopped) this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.reconnect || this.stopped) return;
    this.reconnect = setTimeout(() => {
      this.reconnect = null;
      void this.listen().then(() => (this.listener ? this.syncNow() : undefined));
    }, 5_000);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unobserve?.();
    for (const timer of [this.debounce, this.interval, this.reconnect]) if (timer) clearTimeout(timer);
    const listener = this.listener;
    this.listener = null;
    await listener?.end().catch(() => {});
    await this.running?.catch(() => {});
  }
}
