// Browser mode for the hardening e2e tests: `node main/server/web.ts` on a fresh library,
// like e2e/fixtures.ts, but with an environment of the test's choosing (the test-only
// CASEFILE_TEST_DISABLE_SANITIZER=1), and a way to call the API from the test itself
// with the run's token, exactly as the renderer's HTTP transport does.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { startBrowserMode } from '../../main/server/launch.ts';

export interface HardeningApp {
  /** The address to open, token included. */
  appUrl: string;
  origin: string;
  token: string;
  libraryPath: string;
  dir: string;
  /** What browser mode printed on stdout and stderr. */
  output(): string;
  invoke<T = unknown>(method: string, input: unknown): Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string; detail?: string } }>;
  stop(): Promise<void>;
}

export async function startHardeningApp(options: { env?: Record<string, string>; libraryPath?: string; seed?: boolean } = {}): Promise<HardeningApp> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'casefile-hardening-'));
  const libraryPath = options.libraryPath ?? path.join(dir, 'library.casefile');
  const web = await startBrowserMode({ library: libraryPath, env: options.env, timeoutMs: 60_000 }).catch((error: unknown) => {
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  });
  const { appUrl, origin, token } = web;
  return {
    appUrl,
    origin,
    token,
    libraryPath,
    dir,
    output: () => web.output(),
    invoke(method, input) {
      // A new connection per call (agent: false): a pooled keep-alive socket that browser mode
      // closes after 5 idle seconds can be picked just as it closes, and a POST is not retried.
      const body = Buffer.from(JSON.stringify({ method, input }));
      return new Promise((resolve, reject) => {
        const request = http.request(
          `${origin}/api/invoke`,
          { method: 'POST', agent: false, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Content-Length': body.length } },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () => {
              try {
                resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as never);
              } catch (error) {
                reject(error instanceof Error ? error : new Error(String(error)));
              }
            });
            response.on('error', reject);
          },
        );
        request.on('error', reject);
        request.end(body);
      });
    },
    async stop() {
      await web.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
