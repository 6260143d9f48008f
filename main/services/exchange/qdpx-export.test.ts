// REFI-QDA export: the project.qde of an annotated library validates against the
// official Project.xsd 1.0 (vendored in fixtures/refi, origin in ORIGIN.md), and its
// selections code exactly the highlighted words at UTF-16 positions in the sources' text.
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { call } from '../../api/dispatch.ts';
import { tempLibrary } from '../../testing/temp.ts';
import { renderExport } from '../dossiers/exports.ts';
import { buildAnnotatedLibrary } from '../../testing/annotated-library.ts';
import { fixturePath, schemaErrors } from '../../testing/exchange.ts';
import { attr, child, children, parseXml, textOf } from './xml.ts';
import { KIND_CODE_GUIDS } from './refi-ids.ts';

const XSD = fixturePath('refi', 'Project.xsd');

async function exportAll(fx: Awaited<ReturnType<typeof buildAnnotatedLibrary>>) {
  const out = await renderExport(fx.library, { source: { all: true }, format: 'qdpx', now: new Date('2026-12-04T10:00:00Z') });
  return { out, files: unzipSync(out.bytes) };
}

describe('REFI-QDA export (.qdpx)', () => {
  it('writes a project.qde that validates against Project.xsd 1.0', async () => {
    const fx = await buildAnnotatedLibrary(tempLibrary());
    await call(fx.dispatch, 'dossiers.create', { name: 'Mediation', author: 'A. Analyst', items: [{ articleId: fx.iran }, { noteId: fx.noteId }] });
    const { out, files } = await exportAll(fx);
    expect(out.fileName).toBe('All articles.qdpx');
    const qde = new TextDecoder().decode(files['project.qde']);
    expect(await schemaErrors(qde, XSD)).toEqual([]);
  });

  it('the schema check fails on a project that breaks it (the test can fail)', async () => {
    const broken = `<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="x"><CodeBook><Codes><Code guid="not-a-guid" name="a" isCodable="true"/></Codes></CodeBook></Project>`;
    expect((await schemaErrors(broken, XSD)).length).toBeGreaterThan(0);
  });

  it('codes every highlight at its UTF-16 range of the canonical text, with its kind, entity, tags and note', async () => {
    const fx = await buildAnnotatedLibrary(tempLibrary());
    const { files } = await exportAll(fx);
    const project = child(parseXml(new TextDecoder().decode(files['project.qde']), 'project.qde'), 'Project')!;
    const sources = children(child(project, 'Sources'), 'TextSource');
    const annotations = await call(fx.dispatch, 'annotations.list', {});
    let checked = 0;
    for (const source of sources) {
      const path = attr(source, 'plainTextPath')!.replace('internal://', 'sources/');
      const text = new TextDecoder().decode(files[path]);
      for (const selection of children(source, 'PlainTextSelection')) {
        const start = Number(attr(selection, 'startPosition'));
        const end = Number(attr(selection, 'endPosition'));
        expect(text.slice(start, end)).toBe(attr(selection, 'name'));
        const match = annotations.find((x) => x.quote.exact === attr(selection, 'name') && x.start === start);
        expect(match).toBeDefined();
        const codes = children(selection, 'Coding').map((c) => attr(child(c, 'CodeRef'), 'targetGUID'));
        expect(codes).toContain(KIND_CODE_GUIDS[match!.kind]);
        expect(codes.length).toBeGreaterThanOrEqual(1 + (match!.entity ? 1 : 0) + match!.tags.length);
        if (match!.note) expect(textOf(child(selection, 'Description'))).toBe(match!.note);
        checked += 1;
      }
    }
    // The Urdu article's text is kept whole: its positions agree too.
    expect(checked).toBe(annotations.filter((x) => x.anchorStatus !== 'orphan').length);
    expect(checked).toBeGreaterThan(5);
    const codebook = child(child(project, 'CodeBook'), 'Codes')!;
    expect(children(codebook, 'Code').map((c) => attr(c, 'name'))).toEqual(expect.arrayContaining(['Claim', 'Actor', 'Source', 'Highlight']));
  });
});
