// Child process for the crash loop: makes actors with 49 aliases each (one 50-row change
// set per actor) and undoes and redoes them, through dispatch, as fast as it can until it is
// killed. Each step is announced before it starts and acknowledged after it returned:
//   begin create <name>   ack create <name>
//   begin undo <name>     ack undo <name>
//   begin redo <name>     ack redo <name>
// `node main/hardening/undo-loop.ts LIBRARY SEED`
import { writeSync } from 'node:fs';
import { call, createDispatcher } from '../api/dispatch.ts';
import { openLibrarySession } from '../services/library.ts';

const ALIASES_PER_ACTOR = 49; // with the actor: 50 rows in one change set

const [libraryPath, seedArg] = process.argv.slice(2);
const library = openLibrarySession(libraryPath!, { dailyBackup: false });
const dispatch = createDispatcher(() => ({ library }), { origin: 'cli' });
const say = (line: string): void => {
  writeSync(1, `${line}\n`);
};

for (let n = 1; ; n += 1) {
  const name = `Crash actor ${seedArg}-${n}`;
  say(`begin create ${name}`);
  await call(dispatch, 'entities.create', { kind: 'actor', name, aliases: Array.from({ length: ALIASES_PER_ACTOR }, (_, i) => `${name} alias ${i}`) });
  say(`ack create ${name}`);
  // Undo and redo it a few times; the last word is an undo every other actor.
  for (let round = 0; round < 3 + (n % 2); round += 1) {
    const step = round % 2 === 0 ? 'undo' : 'redo';
    say(`begin ${step} ${name}`);
    await call(dispatch, `history.${step}`, {});
    say(`ack ${step} ${name}`);
  }
}
