// Browser mode serves the built renderer; build it when it is missing or older than
// the sources it is made from.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const rendererOutDir = path.join(projectRoot, 'out', 'renderer');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

export function rendererIsStale(): boolean {
  const index = path.join(rendererOutDir, 'index.html');
  if (!fs.existsSync(index)) return true;
  const built = fs.statSync(index).mtimeMs;
  return [path.join(projectRoot, 'renderer'), path.join(projectRoot, 'common')].some((dir) => newestMtime(dir) > built);
}

export async function buildRendererIfStale(log: (line: string) => void): Promise<void> {
  if (!rendererIsStale()) return;
  log('Building the Casefile interface…');
  const { build } = await import('vite');
  // Vite sets NODE_ENV=production in this process for its build; the conversion workers
  // started later inherit the environment, so it is put back as it was.
  const nodeEnv = process.env.NODE_ENV;
  try {
    await build({ configFile: path.join(projectRoot, 'renderer', 'vite.config.ts'), logLevel: 'warn' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}
