// Test helpers for exchange formats: validation against a vendored XML schema with
// xmllint (compiled to WebAssembly, so no native tool is needed). Not used by the app.
import fs from 'node:fs';
import path from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
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

const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A REFI-QDA project of `n` interview sources, each a real qc transcript under its own first line, with one coded selection. */
export function bigQdpx(n: number): Uint8Array {
  const transcript = new TextDecoder().decode(unzipSync(fixture('refi', 'qc-1.3.2-demo.qdpx'))['sources/board_2017.txt']).slice(0, 4_000);
  const sources = Array.from({ length: n }, (_, i) => {
    const name = `Interview ${i + 1}`;
    const guid = (prefix: string) => `${prefix}-0000-4000-8000-${String(i).padStart(12, '0')}`;
    return `<TextSource guid="${guid('00000000')}" name="${name}"><PlainTextContent>${escapeXml(`${name}\n\n${transcript}`)}</PlainTextContent><PlainTextSelection guid="${guid('10000000')}" name="${name}" startPosition="0" endPosition="${name.length}"/></TextSource>`;
  });
  const qde = `<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="big"><Sources>${sources.join('')}</Sources></Project>`;
  return zipSync({ 'project.qde': strToU8(qde) });
}
