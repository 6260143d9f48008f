// The W3C Web Annotation test suite's assertions (vendored in
// fixtures/exchange/web-annotation-tests, origin in ORIGIN.md), run on annotations
// the way its JSONtest runner does: each assertion is a JSON Schema (draft-04) with an
// assertionType (must, should, may) and the result it expects. Used by the tests only.
import fs from 'node:fs';
import path from 'node:path';
import * as ajvDraft04 from 'ajv-draft-04';
import * as ajvFormats from 'ajv-formats';

const SUITE = path.join(import.meta.dirname, 'fixtures', 'exchange', 'web-annotation-tests');
const LISTS = ['annotations/annotationMusts.test', 'annotations/annotationOptionals.test', 'annotations/annotationsAgentOptionals.test'];

export interface AssertionResult {
  file: string;
  assertionType: 'must' | 'should' | 'may';
  passed: boolean;
  message: string;
}

interface Assertion {
  file: string;
  assertionType: AssertionResult['assertionType'];
  expectedResult: 'valid' | 'invalid';
  errorMessage: string;
  validate: (data: unknown) => boolean;
}

let assertions: Assertion[] | null = null;

function load(): Assertion[] {
  // CommonJS modules whose module.exports also carries itself as .default.
  const ajv = new ajvDraft04.default.default({ strict: false, allErrors: false, validateSchema: false });
  ajvFormats.default.default(ajv);
  for (const file of fs.readdirSync(path.join(SUITE, 'definitions'))) {
    ajv.addSchema(JSON.parse(fs.readFileSync(path.join(SUITE, 'definitions', file), 'utf8')) as Parameters<typeof ajv.addSchema>[0]);
  }
  const files = [...new Set(LISTS.flatMap((list) => (JSON.parse(fs.readFileSync(path.join(SUITE, list), 'utf8')) as { assertions: string[] }).assertions))];
  return files.map((file) => {
    const schema = JSON.parse(fs.readFileSync(path.join(SUITE, file), 'utf8')) as Record<string, unknown>;
    return {
      file,
      assertionType: (schema.assertionType ?? 'must') as Assertion['assertionType'],
      expectedResult: (schema.expectedResult ?? 'valid') as Assertion['expectedResult'],
      errorMessage: [schema.errorMessage, schema.title].find((m): m is string => typeof m === 'string') ?? file,
      validate: ajv.compile(schema),
    };
  });
}

/** Every assertion of the suite's three annotation lists, run on one annotation. */
export function checkAnnotation(annotation: unknown): AssertionResult[] {
  assertions ??= load();
  return assertions.map((a) => {
    const valid = a.validate(annotation);
    return { file: a.file, assertionType: a.assertionType, passed: valid === (a.expectedResult === 'valid'), message: a.errorMessage };
  });
}
