// `casefile import PATH...`: files, folders (recursively) and http(s) addresses. The
// CLI names paths itself (it is not the renderer), so it calls the import service
// directly rather than through an API method that would accept paths.
import { describeItems, describeWithinFile, legacyEncodingOf, type ImportOutcome, type ImportProgress } from '../../../common/api/methods/import.ts';
import { AppError } from '../../../common/api/errors.ts';
import { UsageError, type Command } from '../command.ts';

/** A file from another tool: what became of its items, then each one skipped or placed other than the file said. */
function itemLines(outcome: ImportOutcome): string[] {
  const items = outcome.items ?? [];
  if (items.length === 0) return [];
  const noted = items.filter((i) => i.status === 'skipped' || (i.kind === 'highlight' && i.anchor !== undefined && i.anchor !== 'exact'));
  return [
    `           ${describeItems(items)}${outcome.sha256 ? ` (SHA-256 ${outcome.sha256})` : ''}`,
    ...noted.map((i) => `           ${(i.status === 'skipped' ? 'skipped' : i.anchor!).padEnd(9)} ${i.item}: ${i.reason ?? ''}`),
  ];
}

function encodingNote(outcome: ImportOutcome): string {
  const encoding = legacyEncodingOf(outcome);
  return encoding ? ` (read as ${encoding})` : '';
}

function line(outcome: ImportOutcome): string {
  return [headLine(outcome), ...itemLines(outcome)].join('\n');
}

function headLine(outcome: ImportOutcome): string {
  if (outcome.items) return `${outcome.status.padEnd(10)} ${outcome.file}${outcome.reason ? `: ${outcome.reason}` : ''}`;
  switch (outcome.status) {
    case 'imported': {
      const sameStory = outcome.probablySameAs?.map((c) => `#${c.articleId} (${Math.round(c.similarity * 100)}% alike)`).join(', ');
      return (
        `imported   ${outcome.file} -> #${outcome.articleId} "${outcome.title}"${outcome.versionOf ? ` (new version of #${outcome.versionOf})` : ''}${encodingNote(outcome)}` +
        (sameStory ? `; probably the same story as ${sameStory}: confirm or dismiss with casefile same-story` : '')
      );
    }
    case 'appearance':
      return `appearance ${outcome.file} (the same text as #${outcome.articleId}, from another outlet or address: kept as another appearance)`;
    case 'duplicate':
      return `duplicate  ${outcome.file} (already in the library as #${outcome.articleId})${encodingNote(outcome)}`;
    default:
      return `${outcome.status.padEnd(10)} ${outcome.file}: ${outcome.reason ?? ''}`;
  }
}

export const importCommand: Command = {
  name: 'import',
  usage: 'import PATH... [--json]',
  summary: 'Import files (.html .htm .txt .md .pdf .docx), REFI-QDA projects (.qdpx), Hypothesis annotations (.json), Zotero exports (.rdf, CSL .json, .bib, .ris, with their files folder), web archives (.warc .warc.gz .wacz .mhtml), folders (recursively) and http(s) addresses. Progress on stderr at a terminal; Ctrl+C cancels (exit 130), leaving out the file being read. Exit 1 if any failed.',
  options: { json: { type: 'boolean' } },
  positionals: true,
  async run(context, { values, positionals }) {
    if (positionals.length === 0) throw new UsageError('Name at least one file, folder or address to import.');
    const started = Date.now();
    // The importers load with this command, not with every command.
    const [{ collectInputs, importInputs, sharedPool, summarize }, { importFromUrl }] = await Promise.all([import('../../services/import/importer.ts'), import('../../services/import/jobs.ts')]);
    const { library } = context.open();
    const print = (outcome: ImportOutcome): void => {
      if (values.json) process.stdout.write(`${JSON.stringify(outcome)}\n`);
      else context.out(line(outcome));
    };
    const urls = positionals.filter((p) => /^https?:\/\//i.test(p));
    const { inputs, outcomes: walked } = collectInputs(positionals.filter((p) => !urls.includes(p)));
    walked.forEach(print);
    const pool = sharedPool(context.host.conversionWorker);
    // Ctrl+C stops the import cleanly: files stored before it stay, the one being read
    // (a big project or export) is not written at all, and the rest are listed as cancelled.
    // A second Ctrl+C ends the process at once (Node's default, restored by `once`).
    const controller = new AbortController();
    const status = statusLine();
    const onInterrupt = (): void => {
      controller.abort();
      status.clear();
      process.stderr.write('casefile: cancelling the import (Ctrl+C again to stop at once)…\n');
    };
    process.once('SIGINT', onInterrupt);
    let imported: ImportOutcome[];
    try {
      imported = await importInputs(library, inputs, {
        onOutcome: (outcome) => {
          status.clear();
          print(outcome);
        },
        onProgress: (progress) => status.show(progressText(progress)),
        pool,
        signal: controller.signal,
      });
    } finally {
      process.off('SIGINT', onInterrupt);
      status.clear();
    }
    const outcomes = [...walked, ...imported];
    for (const url of urls) {
      if (controller.signal.aborted) {
        const outcome: ImportOutcome = { file: url, status: 'cancelled', reason: 'The import was cancelled.' };
        print(outcome);
        outcomes.push(outcome);
        continue;
      }
      let outcome: ImportOutcome;
      try {
        outcome = await importFromUrl(library, url, pool);
      } catch (error) {
        outcome = { file: url, status: 'failed', reason: error instanceof AppError ? (error.detail ?? error.message) : `${url} could not be imported.` };
      }
      print(outcome);
      outcomes.push(outcome);
    }
    const summary = summarize(outcomes);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (values.json) process.stdout.write(`${JSON.stringify({ summary, seconds: Number(seconds) })}\n`);
    else {
      context.out(
        `${summary.imported} imported, ${summary.appearances ? `${summary.appearances} as further appearances, ` : ''}${summary.duplicates} duplicate${summary.duplicates === 1 ? '' : 's'}, ${summary.failed} failed` +
          `${summary.skipped ? `, ${summary.skipped} skipped` : ''} (${summary.total} in ${seconds} s)`,
      );
    }
    if (controller.signal.aborted) {
      process.stderr.write(`casefile: import cancelled: ${summary.imported} imported before the cancel are kept; ${summary.cancelled} not imported.\n`);
      // 130: ended by Ctrl+C (128 + SIGINT), as shells report it.
      return 130;
    }
    return summary.failed > 0 ? 1 : 0;
  },
};

/** "12 of 40 files; Project.qdpx: source 120 of 480". */
function progressText(progress: ImportProgress): string {
  const files = `${progress.done} of ${progress.total} file${progress.total === 1 ? '' : 's'}`;
  return progress.current && progress.withinFile ? `${files}; ${progress.current}: ${describeWithinFile(progress.withinFile)}` : files;
}

/**
 * One line of progress on stderr, rewritten in place, when stderr is a terminal (a script
 * reading the output sees only the outcomes); at most ten redraws a second.
 */
function statusLine(): { show(text: string): void; clear(): void } {
  const tty = process.stderr.isTTY === true;
  let shown = false;
  let last = 0;
  return {
    show(text) {
      const now = Date.now();
      if (!tty || now - last < 100) return;
      last = now;
      const width = Math.max(20, (process.stderr.columns ?? 80) - 1);
      process.stderr.write(`\r\x1b[2K${text.length > width ? `${text.slice(0, width - 1)}…` : text}`);
      shown = true;
    },
    clear() {
      if (!shown) return;
      process.stderr.write('\r\x1b[2K');
      shown = false;
    },
  };
}
