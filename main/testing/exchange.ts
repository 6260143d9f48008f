// Test helpers for exchange formats: validation against a vendored XML schema with
// xmllint (compiled to WebAssembly, so no native tool is needed). Not used by the app.
import fs from 'node:fs';
import path from 'node:path';
import { validateXML } from 'xmllint-wasm';

const FIXTURES = path.join(import.meta.dirname, 'fixtures', 'exchange');

export function fixture(...parts: string[]): Uint8Array {
  return new Uint8Array(fs.readFileSync(path.join(FIXTURES, ...parts)));
}

export function fixturePath(...parts: string[]): string {
  return path.join(FIXTURES, ...parts);
}

/** The schema's errors for `xml` (empty when it is valid). */
export async function schemaErrors(xml: string, schemaFile: string): Promise<string[]> {
  const result = await validateXML({
    xml: [{ fileName: 'project.qde', contents: xml }],
    schema: [{ fileName: path.basename(schemaFile), contents: fs.readFileSync(schemaFile, 'utf8') }],
    initialMemoryPages: 512,
  });
  return result.errors.map((e) => e.rawMessage);
}
