import { DiscordAPIError, REST, Routes } from 'discord.js';
import type { DiscordConfig } from '../../config.js';
import { ConfigError } from '../../errors.js';
import { commands } from './commands/index.js';

export interface RegisterResult {
  /** `guild` when DISCORD_GUILD_ID is set (visible at once), else `global` (can take up to an hour). */
  scope: 'guild' | 'global';
  names: string[];
}

/**
 * Replaces the application's slash commands with `commands` (a bulk overwrite, so removed commands
 * disappear too): for one server when `guildId` is set, else globally.
 * @param options.api REST base URL, for tests (default Discord's).
 * @throws ConfigError with one line saying what to fix when Discord refuses.
 */
export async function registerCommands(config: DiscordConfig, options: { api?: string } = {}): Promise<RegisterResult> {
  const rest = new REST({ ...(options.api !== undefined ? { api: options.api } : {}) }).setToken(config.token);
  const body = commands.map((c) => c.data.toJSON());
  const route =
    config.guildId !== undefined
      ? Routes.applicationGuildCommands(config.applicationId, config.guildId)
      : Routes.applicationCommands(config.applicationId);
  try {
    await rest.put(route, { body });
  } catch (error) {
    if (error instanceof DiscordAPIError || (error instanceof Error && 'status' in error)) {
      const status = (error as { status: number }).status;
      if (status === 401) throw new ConfigError('DISCORD_TOKEN was refused by Discord: reset it under Developer Portal → Bot → Reset Token.');
      if (status === 403 && config.guildId !== undefined) {
        throw new ConfigError('Discord refused to register commands in DISCORD_GUILD_ID: invite the bot to that server with the applications.commands scope.');
      }
      if (status === 403 || status === 404) {
        throw new ConfigError('Discord refused the registration: check DISCORD_APPLICATION_ID (and DISCORD_GUILD_ID) against the Developer Portal.');
      }
      if (status === 400) throw new ConfigError(`Discord rejected the command definitions: ${error.message}`);
    }
    throw error;
  }
  return { scope: config.guildId !== undefined ? 'guild' : 'global', names: body.map((c) => c.name) };
}
