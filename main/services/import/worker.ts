// A conversion worker: reads a file (or takes bytes) and converts it off the main
// thread, so the app stays responsive while a folder of thousands imports.
import { parentPort } from 'node:worker_threads';
import fs from 'node:fs/promises';
import { AppError } from '../../../common/api/errors.ts';
import { convertFile, convertPaste } from './convert.ts';
import type { ConversionJob, ConversionReply } from './pool.ts';

async function run(job: ConversionJob): Promise<ConversionReply> {
  try {
    let candidate;
    if (job.kind === 'paste') {
      candidate = await convertPaste(job.content, job.format);
    } else {
      const bytes = job.kind === 'path' ? await readFile(job.path, job.name) : job.bytes;
      candidate = await convertFile(bytes, job.name);
    }
    return { id: job.id, ok: true, candidate };
  } catch (error) {
    const detail = error instanceof AppError ? (error.detail ?? error.message) : `${job.kind === 'paste' ? 'The pasted content' : job.name} could not be converted.`;
    return { id: job.id, ok: false, reason: detail };
  }
}

async function readFile(path: string, name: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await fs.readFile(path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'EACCES' || code === 'EPERM' ? 'cannot be read (permission denied)' : code === 'ENOENT' ? 'no longer exists' : code === 'EISDIR' ? 'is a folder' : 'cannot be read';
    throw new AppError('IMPORT_FAILED', `${name} ${why}.`);
  }
}

parentPort!.on('message', (job: ConversionJob) => {
  void run(job).then((reply) => {
    const transfer = reply.ok ? [reply.candidate.original.bytes.buffer as ArrayBuffer] : [];
    parentPort!.postMessage(reply, transfer);
  });
});
