// Where the user is: a view, the item open in it and a passage to show. It lives in the
// query string (?view=library&id=2&at=15) so a reload, or a restart of the app, returns
// to the same place; the query string works for file:// (Electron) and http (browser mode).

export interface Route {
  /** A view id from shell/views.tsx, e.g. 'library', 'actors', 'notebook'. */
  view: string;
  /** The item open in the view: an article, an actor, a notebook page... */
  id?: number;
  /** A highlight to scroll to and flash once the item is open. */
  at?: number;
  /** A position in the article's canonical text to show and select (a search hit). */
  pos?: number;
}

function positiveInt(value: string | null): number | undefined {
  if (value === null || !/^\d{1,15}$/.test(value)) return undefined;
  const n = Number(value);
  return n > 0 ? n : undefined;
}

export function parseRoute(search: string, defaultView: string): Route {
  const params = new URLSearchParams(search);
  const view = params.get('view');
  // ?article=ID is the address the first version of the reader used.
  const legacyArticle = positiveInt(params.get('article'));
  const route: Route = { view: view && /^[a-z][a-z0-9-]{0,40}$/.test(view) ? view : defaultView };
  const id = positiveInt(params.get('id')) ?? (view === null ? legacyArticle : undefined);
  const at = positiveInt(params.get('at'));
  const pos = params.get('pos') === '0' ? 0 : positiveInt(params.get('pos'));
  if (id !== undefined) route.id = id;
  if (at !== undefined) route.at = at;
  if (pos !== undefined) route.pos = pos;
  return route;
}

export function formatRoute(route: Route): string {
  const params = new URLSearchParams({ view: route.view });
  if (route.id !== undefined) params.set('id', String(route.id));
  if (route.at !== undefined) params.set('at', String(route.at));
  if (route.pos !== undefined) params.set('pos', String(route.pos));
  return `?${params.toString()}`;
}

export function sameRoute(a: Route, b: Route): boolean {
  return a.view === b.view && a.id === b.id && a.at === b.at && a.pos === b.pos;
}
