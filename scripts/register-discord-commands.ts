/**
 * Registers mødebot's slash commands with Discord: `npm run discord:register`.
 * Run it once after creating the application and again when the commands change; starting the bot
 * does not register anything. With DISCORD_GUILD_ID set the commands appear at once in that server;
 * without it they are registered globally, which Discord can take up to an hour to show.
 */
import { config as loadDotenv } from 'dotenv';
import { registerCommands } from '../src/adapters/discord/register.js';
import { loadConfig } from '../src/config.js';
import { ConfigError } from '../src/errors.js';

loadDotenv({ quiet: true });

try {
  const config = loadConfig();
  if (config.discord === undefined) {
    throw new ConfigError('DISCORD_TOKEN is not set; put the bot token and DISCORD_APPLICATION_ID in .env first.');
  }
  const result = await registerCommands(config.discord);
  const list = result.names.map((n) => `/${n}`).join(', ');
  console.log(
    result.scope === 'guild'
      ? `Registered ${list} in server ${config.discord.guildId}; they can be used now.`
      : `Registered ${list} globally; Discord can take up to an hour to show them everywhere.`,
  );
} catch (error) {
  console.error(`discord:register: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
