// Every migration, in order. Add a new file per schema change; never edit a released one.
import type { Migration } from './types.ts';
import { migration001 } from './001_initial.ts';
import { migration002 } from './002_suggestion_dismissal.ts';
import { migration003 } from './003_change_log.ts';
import { migration004 } from './004_folded_search.ts';
import { migration005 } from './005_appearances.ts';
import { migration006 } from './006_compressed_articles.ts';
import { migration007 } from './007_change_set_by_author.ts';
import { migration008 } from './008_outlet_and_date.ts';
import { migration009 } from './009_folded_in_javascript.ts';
import { migration010 } from './010_one_permutation_bands.ts';

export const migrations: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006, migration007, migration008, migration009, migration010];

export const LATEST_SCHEMA_VERSION = migrations[migrations.length - 1]!.version;
