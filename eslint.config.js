// Lint: typescript-eslint with type information (the rules that need the type checker
// catch floating and misused promises, unsafe any, needless assertions), and React's
// rules of hooks for the renderer. `npm run lint`, part of `npm test`.
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'bench/corpora/**', 'test-results/**', 'playwright-report/**', '.tmp/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // An unused argument kept for a signature is named with a leading underscore.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
      // `async` is how a function that implements a promise-returning interface (a CLI
      // command, a host capability, a transport) returns a promise; it need not await.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      // The rules of hooks. (The plugin's React Compiler diagnostics are left out: the
      // renderer does not use the compiler, and they flag patterns React itself allows.)
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      // Props and service objects declare their callbacks in method shorthand
      // (`onClose(): void`); they are plain functions that never use `this`, so destructuring
      // them is safe and this rule would flag every component.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // Tests read JSON and fixtures whose shape the assertions check; stand-ins mimic loosely
    // typed APIs (Electron's); fakes implement promise-returning interfaces without awaiting.
    files: ['**/*.test.{ts,tsx}', 'e2e/**/*.ts', 'bench/**/*.ts', '**/testing/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
);
