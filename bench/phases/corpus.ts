// Writes (part of) the corpus as files: `node bench/phases/corpus.ts CONFIG`.
import { writeCorpus, type FileKind } from '../lib/corpus.ts';
import { phaseMain, type PhaseConfig } from '../lib/phase.ts';

interface Config extends PhaseConfig {
  dir: string;
  seed: number;
  kinds: { kind: FileKind; count: number }[];
  part: number;
  parts: number;
}

phaseMain(async (config: Config) => {
  const done = [];
  for (const { kind, count } of config.kinds) done.push({ kind, count, ...writeCorpus(config.dir, config.seed, kind, count, config.part, config.parts) });
  return { part: config.part, done };
});
