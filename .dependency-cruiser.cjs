// Import rules for Casefile's layers (`npm run depcheck`, part of `npm test`). What may
// import what is described in docs/architecture.md ("Layers"); each rule here is one
// sentence of it, and a violation fails the build.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'An import circle makes module start order matter and ties layers together: break it by moving the shared part down a layer.',
      from: { path: '^(main|renderer|common|bench|scripts|preload)/' },
      to: { circular: true },
    },
    {
      name: 'common-is-pure',
      severity: 'error',
      comment: 'common/ is shared by main and renderer: it imports nothing of either.',
      from: { path: '^common/' },
      to: { path: '^(main|renderer|preload)/' },
    },
    {
      name: 'renderer-not-main',
      severity: 'error',
      comment: 'The renderer reaches main only through the API (common/api), never by import.',
      from: { path: '^renderer/' },
      to: { path: '^(main|preload)/' },
    },
    {
      name: 'db-not-services',
      severity: 'error',
      comment:
        'main/db/ (the schema, migrations, repositories, the write path) sits below the services: it imports none. Its tests may drive services to check what the schema gives them.',
      from: { path: '^main/db/', pathNot: '\\.test\\.ts$' },
      to: { path: '^main/services/' },
    },
    {
      name: 'only-main-electron-imports-electron',
      severity: 'error',
      comment:
        "Everything outside main/electron/ (and the preload script) runs under plain Node and in browser mode, where there is no Electron: it receives host capabilities through the API handler context instead. (Build scripts may read electron's package.json for its version.)",
      from: { pathNot: '^(main/electron|preload)/' },
      to: { path: '^electron$|^node_modules/electron/', pathNot: '^node_modules/electron/package\\.json$' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that does not resolve would also hide the import from every rule above.',
      from: { path: '^(main|renderer|common|bench|scripts|preload)/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(out|dist|bench/corpora|test-results|playwright-report|\\.tmp)/' },
    // Sources import each other with their .ts/.tsx extensions (Node type stripping); the
    // tsconfig makes the resolver and parser treat them as TypeScript, and type-only
    // imports count too (a type import across a layer is still a dependency on that layer).
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
