// The author filters (History, search, the claims board) read one author's change sets:
// an index lets them, instead of reading the whole change log, which grows by one change
// set per import and per edit.
import type { Migration } from './types.ts';

export const migration007: Migration = {
  version: 7,
  name: 'change sets by author',
  up(db) {
    // IF NOT EXISTS: the migration tests wind a library's version back and migrate it again.
    db.exec('CREATE INDEX IF NOT EXISTS change_set_by_author ON change_set(author)');
  },
};
