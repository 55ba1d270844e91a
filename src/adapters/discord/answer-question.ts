import type { Logger } from '../../log.js';
import type { AnswerEngine } from '../../answer/types.js';
import { isHelpRequest } from '../../answer/help.js';
import type { ButtonIds, MoreRequest } from './custom-ids.js';
import { parseFilters } from './filters.js';
import { renderAnswer, renderHelp, renderNotice, type DiscordReply } from './render.js';

/** What every handler gets: the engine, the button ids and the logger. */
export interface DiscordContext {
  engine: AnswerEngine;
  ids: ButtonIds;
  logger: Logger;
}

/**
 * Asks the engine one question from Discord (slash command, mention or "more results") and renders
 * the reply. Help words get the help text; a `møde` the parser does not understand gets a notice.
 */
export function answerQuestion(ctx: DiscordContext, request: MoreRequest, offset = 0): DiscordReply {
  if (isHelpRequest(request.query)) return renderHelp();
  const parsed = parseFilters(request.meeting, request.committee);
  if (!parsed.ok) return renderNotice(parsed.message);
  const hasFilters = Object.keys(parsed.filters).length > 0;
  const answer = ctx.engine.ask(request.query, { offset, ...(hasFilters ? { filters: parsed.filters } : {}) });
  ctx.logger.debug({ status: answer.status, mode: answer.mode, results: answer.results.length, offset }, 'discord answer');
  return renderAnswer(answer, { ids: ctx.ids, request });
}

/** Every message the bot sends pings no one: document text may contain @everyone or role mentions. */
export const NO_MENTIONS = { parse: [] as [] };
