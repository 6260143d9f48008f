// Annotating a benchmark library the way a researcher would, through the services:
// actor highlights on the names, the outlet as a source, quoted statements as claims
// with their claimant, source and a credibility grade, and a plain highlight. Only
// some articles are annotated (nobody annotates every article of a 100,000 library).
// Each highlight is given as a range of the stored text, found in the bench (the reader
// sends the selection's range; looking quotes up is the CLI's slower path).
import { AppError } from '../../common/api/errors.ts';
import { createAnnotation } from '../../main/services/annotations.ts';
import type { Library } from '../../main/services/library.ts';
import { generateArticle, indexOfFile } from './corpus.ts';

export interface AnnotateResult {
  articles: number;
  created: number;
  failed: number;
  /** The first few failures, verbatim, so a converter change that moves text shows up. */
  failures: string[];
  seconds: number;
}

/** Article id -> corpus index, from the original file name the importer kept ("a000123.txt"). */
export function corpusIndexes(library: Library): Map<number, number> {
  const rows = library.db.prepare('SELECT article_id AS id, name FROM article_original').all() as { id: number; name: string | null }[];
  const map = new Map<number, number>();
  for (const r of rows) {
    const index = r.name ? indexOfFile(r.name) : NaN;
    if (Number.isInteger(index)) map.set(r.id, index);
  }
  return map;
}

/**
 * Annotates every `every`-th article of the corpus (of those `only` accepts). Calls are grouped in outer
 * transactions of `batch` (each createAnnotation is still its own savepoint): one fsync
 * per group instead of one per highlight, which is what a bulk tool would do; the cost
 * of saving one highlight on its own is measured separately.
 */
export function annotateLibrary(library: Library, seed: number, every: number, batch = 500, only: (index: number) => boolean = () => true): AnnotateResult {
  const started = performance.now();
  const ids = [...corpusIndexes(library)].filter(([, index]) => index % every === 0 && only(index)).sort((a, b) => a[1] - b[1]);
  const result: AnnotateResult = { articles: 0, created: 0, failed: 0, failures: [], seconds: 0 };
  const plans = ids.flatMap(([articleId, index]) => generateArticle(seed, index).annotations.map((plan) => ({ articleId, plan })));
  result.articles = ids.length;
  const textOf = library.db.prepare('SELECT text FROM article WHERE id = ?').pluck();
  let cached: { id: number; text: string } | null = null;
  for (let i = 0; i < plans.length; i += batch) {
    library.db.transaction(() => {
      for (const { articleId, plan } of plans.slice(i, i + batch)) {
        try {
          // A range, as the reader sends it (a selection), not a quote to look up (the CLI's way).
          if (cached?.id !== articleId) cached = { id: articleId, text: textOf.get(articleId) as string };
          const start = cached.text.indexOf(plan.quote);
          if (start < 0) throw new AppError('QUOTE_NOT_FOUND', 'not in the stored text');
          const target = { start, end: start + plan.quote.length };
          if (plan.kind === 'claim') {
            createAnnotation(library, { articleId, kind: 'claim', target, claimants: [{ name: plan.claimant }], sources: [{ name: plan.source }], credibility: plan.credibility });
          } else if (plan.kind === 'actor' || plan.kind === 'source') {
            createAnnotation(library, { articleId, kind: plan.kind, target, entity: { name: plan.entity } });
          } else {
            createAnnotation(library, { articleId, kind: 'highlight', target });
          }
          result.created += 1;
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          result.failed += 1;
          if (result.failures.length < 5) result.failures.push(`article ${articleId} ${plan.kind} "${plan.quote.slice(0, 40)}": ${error.detail ?? error.message}`);
        }
      }
    })();
  }
  result.seconds = (performance.now() - started) / 1000;
  return result;
}
