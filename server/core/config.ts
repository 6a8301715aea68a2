/** The environment, parsed and validated once at start. */
import { isIP } from 'node:net';
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
  .regex(/^\d{1,5}$/, 'must be a whole number of days (0 keeps every entry)')
  .transform(Number);

/** A retention period that must keep something: 1 to 3650 days. */
const retentionDays = z
  .string()
  .regex(/^\d{1,5}$/, 'must be a whole number of days from 1 to 3650')
  .transform(Number)
  .pipe(z.number().min(1, 'must be a whole number of days from 1 to 3650').max(3650, 'must be a whole number of days from 1 to 3650'));

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === '' ? undefined : v));

/** Names Express and METRICS_ALLOW understand for address ranges. */
export const ADDRESS_NAMES = ['loopback', 'linklocal', 'uniquelocal'] as const;

/** An address, a subnet (`10.0.0.0/8`) or a name of a range. */
function isAddressOrRange(item: string): boolean {
  if ((ADDRESS_NAMES as readonly string[]).includes(item)) return true;
  const [address, prefix, extra] = item.split('/');
  const family = isIP(address ?? '');
  if (!family || extra !== undefined) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/** A comma-separated list of addresses, subnets or range names, as an array. */
const addressList = (message: string) =>
  z
    .string()
    .transform((v) => v.split(',').map((item) => item.trim()))
    .refine((items) => items.length > 0 && items.every(isAddressOrRange), message);

/**
 * Which proxies may tell the client's address and scheme: unset trusts nobody; a number trusts that many hops;
 * otherwise the addresses, subnets or ranges of the proxies. `true` (everyone) is refused: any client could
 * then pick its own address.
 */
const trustProxy = z
  .string()
  .optional()
  .transform((v, ctx): false | number | string[] => {
    const value = v?.trim() ?? '';
    if (value === '') return false;
    if (/^\d{1,2}$/.test(value)) return Number(value);
    const items = value.split(',').map((item) => item.trim());
    if (items.every(isAddressOrRange)) return items;
    ctx.addIssue({ code: 'custom', message: 'must be a hop count (1) or proxy addresses such as 127.0.0.1 or loopback, comma-separated' });
    return z.NEVER;
  });

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** A period such as `30m`, `24h` or `7d`, in milliseconds. */
const period = z
  .string()
  .regex(/^\d{1,6}[smhd]$/, 'must be a number and a unit, such as 30m, 24h or 7d')
  .transform((v) => Number(v.slice(0, -1)) * UNIT_MS[v.slice(-1) as keyof typeof UNIT_MS])
  .pipe(z.number().min(1000, 'must be at least 1s'));

const ConfigSchema = z.object({
  PORT: port.default(3000),
  HOST: z.string().min(1, 'must not be empty').default('127.0.0.1'),
  DATABASE_PATH: z.string().min(1, 'must not be empty').default('data/directory.db'),
  SEED: z.enum(['auto', 'off'], { message: 'must be "auto" or "off"' }).default('auto'),
  SEARCH_CACHE_MB: megabytes.default(16),
  NEEDS_RETENTION_DAYS: retentionDays.default(730),
  MEILI_HOST: optionalText.pipe(z.url({ message: 'must be a URL such as http://127.0.0.1:7700' }).optional()),
  MEILI_API_KEY: optionalText,
  ADMIN_USERNAME: optionalText.pipe(z.string().regex(/^[\p{L}\p{N}._-]{2,64}$/u, 'must be 2 to 64 letters, digits, dots, dashes or underscores').optional()),
  ADMIN_PASSWORD: optionalText.pipe(z.string().min(10, 'must be at least 10 characters').max(1024, 'must be at most 1024 characters').optional()),
  AUDIT_RETENTION_DAYS: days.default(730),
  SESSION_SECRET: optionalText.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
  NODE_ENV: z.string().optional(),
  TRUST_PROXY: trustProxy,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { message: 'must be one of fatal, error, warn, info, debug, trace, silent' }).default('info'),
  METRICS_ALLOW: addressList('must be addresses, subnets or loopback, comma-separated').default(['loopback']),
  BACKUP_DIR: optionalText,
  BACKUP_EVERY: optionalText.pipe(period.optional()),
  BACKUP_KEEP: z.string().regex(/^[1-9]\d{0,3}$/, 'must be a whole number from 1 to 9999').transform(Number).default(7),
  SHUTDOWN_TIMEOUT: period.default(10_000),
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
    if (Boolean(c.BACKUP_DIR) !== Boolean(c.BACKUP_EVERY)) {
      throw new ConfigError('invalid environment: BACKUP_DIR and BACKUP_EVERY must be set together');
    }
    return c;
  }
  const [issue] = result.error.issues;
  const name = String(issue?.path[0]);
  const shown = env[name] === undefined ? '' : ` (got ${JSON.stringify(env[name])})`;
  throw new ConfigError(`invalid environment: ${name} ${issue?.message}${shown}`);
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
