// Build the renderer once before the workers start browser-mode servers.
import { buildRendererIfStale } from '../main/server/renderer-build.ts';

export default async function globalSetup(): Promise<void> {
  await buildRendererIfStale((line) => process.stdout.write(`${line}\n`));
}
