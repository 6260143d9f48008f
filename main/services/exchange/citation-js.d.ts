// Citation.js ships no type declarations; only the two calls Casefile makes are typed here.
declare module '@citation-js/core' {
  export const plugins: {
    input: {
      chain(input: unknown, options?: { generateGraph?: boolean; forceType?: string }): unknown;
      chainLink(input: unknown, options?: { forceType?: string }): unknown;
    };
  };
}
declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-ris';
