import type { Command } from './command.js';
import * as dagsorden from './dagsorden.js';
import * as hjaelp from './hjaelp.js';

export type { Command } from './command.js';

/** Every slash command, for the dispatcher and for `npm run discord:register`. */
export const commands: readonly Command[] = [dagsorden, hjaelp];

export function findCommand(name: string): Command | undefined {
  return commands.find((c) => c.data.name === name);
}
