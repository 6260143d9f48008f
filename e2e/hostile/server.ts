// Browser mode for the hardening e2e tests: `node main/server/web.ts` on a fresh library,
// like e2e/fixtures.ts, but with an environment of the test's choosing (the test-only
// CASEFILE_TEST_DISABLE_SANITIZER=1), and a way to call the API from the test itself
// with the run's token, exactly as the renderer's HTTP transport does.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

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
  const child: ChildProcess = spawn(process.execPath, ['main/server/web.ts', '--library', libraryPath, '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const appUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser mode did not start: ${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+\/#token=\S+/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`browser mode exited with ${code}: ${output}`)));
  });
  const url = new URL(appUrl);
  const token = /token=([A-Za-z0-9_-]+)/.exec(url.hash)![1]!;
  return {
    appUrl,
    origin: url.origin,
    token,
    libraryPath,
    dir,
    output: () => output,
    invoke(method, input) {
      // A new connection per call (agent: false): a pooled keep-alive socket that browser mode
      // closes after 5 idle seconds can be picked just as it closes, and a POST is not retried.
      const body = Buffer.from(JSON.stringify({ method, input }));
      return new Promise((resolve, reject) => {
        const request = http.request(
          `${url.origin}/api/invoke`,
          { method: 'POST', agent: false, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Content-Length': body.length } },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () => {
              try {
                resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as never);
              } catch (error) {
                reject(error as Error);
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
      if (child.exitCode === null && child.signalCode === null) {
        await new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        });
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
