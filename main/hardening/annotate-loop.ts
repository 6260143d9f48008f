// Child process for the crash loop: writes highlights through the annotation service as
// fast as it can until it is killed. Each write is announced before it starts and
// acknowledged only after the service call has returned, that is after its transaction
// committed:
//   begin create <seq>              a create is under way
//   ack create <id> <articleId> <start> <end> <kind> <seq>
//   begin note <id> <seq>           a note update is under way (the note is "note <seq>")
//   ack note <id> <seq>
// The parent kills it at a random moment and then checks every acknowledged write is there.
// `node main/hardening/annotate-loop.ts LIBRARY SEED`
import { writeSync } from 'node:fs';
import { createAnnotation, updateAnnotation } from '../services/annotations.ts';
import { openLibrarySession } from '../services/library.ts';

const [libraryPath, seedArg] = process.argv.slice(2);
const library = openLibrarySession(libraryPath!, { dailyBackup: false });
let seed = Number(seedArg ?? 1) >>> 0 || 1;
const random = (): number => {
  // xorshift32: reproducible from the seed the parent logs.
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 4_294_967_296;
};
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const articles = library.db.prepare('SELECT id, length(text) AS length FROM article').all() as { id: number; length: number }[];
const kinds = ['claim', 'actor', 'source', 'highlight'] as const;
const actors = ['Shehbaz Sharif', 'Asim Munir', 'Zabihullah Mujahid', 'Ishaq Dar', 'Khawaja Asif'];
const sources = ['Dawn', 'Reuters', 'ISPR statement', 'Tolo News'];
const created: number[] = [];

// Straight to the file descriptor: a line is out of the process before the next write starts.
const say = (line: string): void => {
  writeSync(1, `${line}\n`);
};

for (let seq = 1; ; seq += 1) {
  if (created.length > 0 && random() < 0.25) {
    const id = pick(created);
    say(`begin note ${id} ${seq}`);
    updateAnnotation(library, { id, note: `note ${seq}` });
    say(`ack note ${id} ${seq}`);
    continue;
  }
  const article = pick(articles);
  const start = Math.floor(random() * Math.max(1, article.length - 200));
  const end = Math.min(article.length, start + 1 + Math.floor(random() * 180));
  const kind = pick(kinds);
  say(`begin create ${seq}`);
  let annotation;
  try {
    annotation = createAnnotation(library, {
      articleId: article.id,
      kind,
      target: { start, end },
      note: `note ${seq}`,
      ...(kind === 'actor' ? { entity: { name: pick(actors) } } : {}),
      ...(kind === 'source' ? { entity: { name: pick(sources) } } : {}),
      ...(kind === 'claim' ? { claimants: [{ name: pick(actors) }], sources: [{ name: pick(sources) }], credibility: 3 as const } : {}),
    });
  } catch {
    // A range of only spaces is refused: not a write, try another.
    say(`refused create ${seq}`);
    continue;
  }
  created.push(annotation.id);
  say(`ack create ${annotation.id} ${article.id} ${annotation.start} ${annotation.end} ${kind} ${seq}`);
}
