// Child process for the recovery tests: tries to open a library and prints one JSON line,
// {"ok":true} or {"code":..., "detail":...}. With --as-nobody it first gives up root
// (setgid/setuid 65534), because root ignores file modes: a 0444 library or a 0555 folder
// is only read-only to an ordinary user. `node main/hardening/open-probe.ts FILE [--as-nobody]`
import { AppError } from '../../common/api/errors.ts';
import { openLibrary } from '../db/open.ts';

const [file, ...flags] = process.argv.slice(2);
if (flags.includes('--as-nobody') && process.getuid?.() === 0) {
  process.setgid!(65534);
  process.setuid!(65534);
}
try {
  openLibrary(file!, { lockTimeoutMs: 200 }).db.close();
  process.stdout.write(`${JSON.stringify({ ok: true })}\n`);
} catch (error) {
  const known = error instanceof AppError ? { code: error.code, detail: error.detail } : { code: 'UNEXPECTED', detail: String(error) };
  process.stdout.write(`${JSON.stringify({ ok: false, ...known })}\n`);
}
