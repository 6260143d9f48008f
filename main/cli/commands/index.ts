// Every CLI command, in the order `casefile help` lists them.
import type { Command } from '../command.ts';
import { checkCommand, initCommand } from './library.ts';
import { listCommand, sameStoryCommand, showCommand } from './articles.ts';
import { importCommand } from './import.ts';
import { actorsCommand, annotateCommand, annotationsCommand } from './annotations.ts';
import { claimsCommand, searchCommand } from './search.ts';
import { dossierCommand, dossiersCommand, exportCommand } from './dossiers.ts';
import { backupCommand, restoreCommand } from './backup.ts';
import { configCommand, historyCommand } from './history.ts';
import { teamCommand } from './team.ts';

export const commands: readonly Command[] = [initCommand, importCommand, listCommand, showCommand, sameStoryCommand, annotateCommand, annotationsCommand, actorsCommand, searchCommand, claimsCommand, dossierCommand, dossiersCommand, exportCommand, historyCommand, configCommand, checkCommand, backupCommand, restoreCommand, teamCommand];
