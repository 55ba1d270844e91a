import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * JSON-lines logger on stderr (stdout belongs to CLI output). Token-bearing fields are redacted
 * wherever they appear, so a logged config or SDK error cannot leak a secret.
 */
export function createLogger(level: string = 'info'): Logger {
  return pino(
    {
      level,
      redact: {
        paths: [
          '*.token',
          '*.botToken',
          '*.appToken',
          '*.signingSecret',
          '*.appPassword',
          '*.password',
          '*.authorization',
          '*.headers.authorization',
          'config.slack',
          'config.discord',
          'config.teams',
        ],
        censor: '[hidden]',
      },
    },
    pino.destination(2),
  );
}
