/** The process's structured logger: JSON lines on stdout, readable lines on a terminal. */
import { createRequire } from 'node:module';
import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import type { Config } from '../core/config.js';

export type { Logger } from 'pino';

/**
 * Whatever could carry a secret or a contact detail is cut out wherever it appears in a log entry; the access
 * log's own serializers never add these fields, this guards entries written elsewhere.
 */
const REDACTED_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*._csrf',
  '*.csrfToken',
  '*.contact',
  '*.sessionId',
];

/** True when pino-pretty can be loaded (a development install; production installs may leave it out). */
function prettyAvailable(): boolean {
  try {
    createRequire(import.meta.url).resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}

/** A logger at `LOG_LEVEL`: to `destination` when given (tests), pretty on a terminal, else JSON on stdout. */
export function createLogger(config: Pick<Config, 'LOG_LEVEL'>, destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    level: config.LOG_LEVEL,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  if (destination) return pino(options, destination);
  if (process.stdout.isTTY && prettyAvailable()) {
    return pino({ ...options, transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid' } } });
  }
  return pino(options);
}
