// Every CLI command, in the order `casefile help` lists them.
import type { Command } from '../command.ts';
import { checkCommand, initCommand } from './library.ts';
import { listCommand, showCommand } from './articles.ts';
import { actorsCommand, annotateCommand, annotationsCommand } from './annotations.ts';

export const commands: readonly Command[] = [initCommand, listCommand, showCommand, annotateCommand, annotationsCommand, actorsCommand, checkCommand];
