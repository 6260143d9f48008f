// `casefile team ...`: share a library through a PostgreSQL server (see README, "Share a
// library with your team"). The subcommands are in team-subcommands.ts, loaded when this
// command runs.
import type { Command } from '../command.ts';

export const teamCommand: Command = {
  name: 'team',
  usage: 'team init|add-member|remove-member|members|join|sync|status|conflicts|resolve ...',
  summary:
    'Share the library through PostgreSQL: team init --server URL --name NAME; team add-member NAME --role owner|editor|viewer; ' +
    'team remove-member NAME; team members; team join URL; team sync; team status [--json]; team conflicts [--json]; team resolve ID --keep mine|theirs|both.',
  options: {
    server: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
    keep: { type: 'string' },
    json: { type: 'boolean' },
  },
  positionals: true,
  run: async (context, args) => (await import('./team-subcommands.ts')).runTeam(context, args),
};
