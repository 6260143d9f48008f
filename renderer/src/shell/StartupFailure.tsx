// What the desktop app's window shows when it cannot reach main at all (its preload did
// not load): the cause and what to do, instead of an empty library and a misleading error.
import { BRIDGE_MISSING } from '../api/transports.ts';

export function StartupFailure() {
  return (
    <main className="startup-failure" role="alert">
      <h1>Casefile could not start</h1>
      <p>{BRIDGE_MISSING}</p>
    </main>
  );
}
