/** The environment, parsed and validated once at start. */
import { z } from 'zod';

const port = z
  .string()
  .regex(/^\d+$/, 'must be an integer from 0 to 65535')
  .transform(Number)
  .pipe(z.number().max(65535, 'must be an integer from 0 to 65535'));

const megabytes = z
  .string()
  .regex(/^\d{1,5}$/, 'must be a whole number of megabytes (0 keeps nothing)')
  .transform(Number);

const days = z
  .string()
  .regex(/^\d{1,5}$/, 'must be a whole number of days from 1 to 3650')
  .transform(Number)
  .pipe(z.number().min(1, 'must be a whole number of days from 1 to 3650').max(3650, 'must be a whole number of days from 1 to 3650'));

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === '' ? undefined : v));

const ConfigSchema = z.object({
  PORT: port.default(3000),
  HOST: z.string().min(1, 'must not be empty').default('127.0.0.1'),
  DATABASE_PATH: z.string().min(1, 'must not be empty').default('data/directory.db'),
  SEED: z.enum(['auto', 'off'], { message: 'must be "auto" or "off"' }).default('auto'),
  SEARCH_CACHE_MB: megabytes.default(16),
  NEEDS_RETENTION_DAYS: days.default(730),
  MEILI_HOST: optionalText.pipe(z.url({ message: 'must be a URL such as http://127.0.0.1:7700' }).optional()),
  MEILI_API_KEY: optionalText,
  ADMIN_USERNAME: optionalText.pipe(z.string().regex(/^[\p{L}\p{N}._-]{2,64}$/u, 'must be 2 to 64 letters, digits, dots, dashes or underscores').optional()),
  ADMIN_PASSWORD: optionalText.pipe(z.string().min(10, 'must be at least 10 characters').max(1024, 'must be at most 1024 characters').optional()),
  SESSION_SECRET: optionalText.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
  NODE_ENV: z.string().optional(),
});

export type Config = z.output<typeof ConfigSchema>;

export class ConfigError extends Error {}

/** Parses the environment; throws a ConfigError whose message is one line naming the bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = ConfigSchema.safeParse(env);
  if (result.success) {
    const c = result.data;
    if (Boolean(c.ADMIN_USERNAME) !== Boolean(c.ADMIN_PASSWORD)) {
      throw new ConfigError('invalid environment: ADMIN_USERNAME and ADMIN_PASSWORD must be set together');
    }
    return c;
  }
  const issue = result.error.issues[0]!;
  const name = String(issue.path[0]);
  const shown = env[name] === undefined ? '' : ` (got ${JSON.stringify(env[name])})`;
  throw new ConfigError(`invalid environment: ${name} ${issue.message}${shown}`);
}

/** For commands: the configuration, or the one-line message on stderr and exit code 2. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return loadConfig(env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(err.message);
    process.exit(2);
  }
}
