import { describe, expect, it } from 'vitest';
import { libraryRequestFromArgv, optionValue, parseLibraryRequest } from './argv.ts';

describe('command line', () => {
  it('reads --name VALUE and --name=VALUE', () => {
    expect(optionValue(['--library', '/a.casefile'], '--library')).toBe('/a.casefile');
    expect(optionValue(['--library=/b.casefile'], '--library')).toBe('/b.casefile');
    expect(optionValue(['--library'], '--library')).toBeNull();
    expect(optionValue(['--library', '--other'], '--library')).toBeNull();
    expect(optionValue(['x'], '--library')).toBeNull();
  });

  it('opens a .casefile named by the file association, relative to the launch folder', () => {
    expect(libraryRequestFromArgv(['Notes.casefile'], '/home/ana')).toEqual({ path: '/home/ana/Notes.casefile', create: false });
    expect(libraryRequestFromArgv(['--no-sandbox', '/x/Old.CASEFILE'], '/')).toEqual({ path: '/x/Old.CASEFILE', create: false });
    // Dev runs look like `electron . ...`; Chromium switches are never paths.
    expect(libraryRequestFromArgv(['.', '--inspect=0', '--remote-debugging-port=0'], '/p')).toBeNull();
    expect(libraryRequestFromArgv(['--user-data-dir', '/tmp/x.casefile'], '/p')).toBeNull();
    expect(libraryRequestFromArgv(['notes.txt'], '/p')).toBeNull();
  });

  it('opens a .casefile handed over as a file: URL (Linux desktop entries pass %U)', () => {
    expect(libraryRequestFromArgv(['file:///home/ana/My%20Notes.casefile'], '/')).toEqual({ path: '/home/ana/My Notes.casefile', create: false });
    expect(libraryRequestFromArgv(['FILE:///home/ana/%D8%AA%D8%AD%D9%82%DB%8C%D9%82.casefile'], '/')).toEqual({ path: '/home/ana/تحقیق.casefile', create: false });
    expect(libraryRequestFromArgv(['file://localhost/x/Old.casefile'], '/p')).toEqual({ path: '/x/Old.casefile', create: false });
    // Another host, or a URL that names no file: nothing to open.
    expect(libraryRequestFromArgv(['file://server/share/Notes.casefile'], '/p')).toBeNull();
    expect(libraryRequestFromArgv(['https://example.com/Notes.casefile'], '/p')).toBeNull();
  });

  it('creates a library named with --library, with the samples, like the CLI', () => {
    expect(libraryRequestFromArgv(['.', '--library', 'lib/new.casefile'], '/w')).toEqual({ path: '/w/lib/new.casefile', create: true, seed: true });
  });

  it('accepts only a well-formed request from another instance', () => {
    expect(parseLibraryRequest({ path: '/a.casefile', create: false })).toEqual({ path: '/a.casefile', create: false, seed: false });
    expect(parseLibraryRequest({ path: '/a.casefile', create: true, seed: true })).toEqual({ path: '/a.casefile', create: true, seed: true });
    expect(parseLibraryRequest({})).toBeNull();
    expect(parseLibraryRequest({ path: 'relative.casefile', create: false })).toBeNull();
    expect(parseLibraryRequest({ path: '/a.casefile' })).toBeNull();
    expect(parseLibraryRequest(null)).toBeNull();
    expect(parseLibraryRequest('x')).toBeNull();
  });
});
