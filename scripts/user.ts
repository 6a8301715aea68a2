/**
 * Staff accounts from the command line, on the database of DATABASE_PATH:
 *   npm run user -- add NAME --role editor|admin    asks for the password twice (read from stdin when not a terminal)
 *   npm run user -- reset NAME                       sets a new password the same way
 */
import { createInterface } from 'node:readline';
import { AuditLog } from '../server/audit/audit-log.js';
import { UserService } from '../server/auth/users.js';
import { ConfigError, loadConfig } from '../server/core/config.js';
import { openDatabase } from '../server/db/connection.js';
import { migrate } from '../server/db/migrate.js';
import { AppError } from '../server/core/app-error.js';
import { englishDetails } from '../server/core/messages.js';

const USAGE = 'usage: npm run user -- add NAME [--role editor|admin]  |  npm run user -- reset NAME';

/** Reads one line from a terminal without showing what is typed. */
function askHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const output = rl as unknown as { _writeToOutput: (s: string) => void };
    let prompted = false;
    // readline echoes through _writeToOutput; after the prompt, nothing typed reaches the screen.
    output._writeToOutput = (s: string) => {
      if (!prompted) process.stdout.write(s);
      prompted = true;
    };
    rl.question(prompt, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
    rl.on('SIGINT', () => {
      rl.close();
      reject(new Error('cancelled'));
    });
  });
}

/** All lines of a piped stdin. */
async function readPiped(): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of createInterface({ input: process.stdin, terminal: false })) lines.push(line);
  return lines;
}

/** The new password: typed twice on a terminal; from a pipe, the first line (and the second, when given, must match). */
async function askPassword(): Promise<string> {
  if (process.stdin.isTTY) {
    const first = await askHidden('Password: ');
    const second = await askHidden('Password again: ');
    if (first !== second) throw new AppError('bad_request', 400, 'the two passwords differ');
    return first;
  }
  const [first = '', second] = await readPiped();
  if (second !== undefined && second !== '' && second !== first) throw new AppError('bad_request', 400, 'the two passwords differ');
  return first;
}

function parseArgs(argv: string[]): { command: string; name: string; role: string } {
  const [command = '', name = '', ...rest] = argv;
  const roleAt = rest.indexOf('--role');
  const role = roleAt >= 0 ? (rest[roleAt + 1] ?? '') : 'editor';
  if (!['add', 'reset'].includes(command) || !name) throw new AppError('bad_request', 400, USAGE);
  return { command, name, role };
}

async function main(): Promise<void> {
  const { command, name, role } = parseArgs(process.argv.slice(2));
  const config = loadConfig();
  const db = openDatabase(config.DATABASE_PATH);
  try {
    migrate(db);
    const users = new UserService(db, new AuditLog(db));
    const password = await askPassword();
    if (command === 'add') {
      const user = await users.create({ username: name, role, password }, 'cli');
      console.log(`added ${user.role} ${user.username}`);
    } else {
      const id = users.list().find((u) => u.username.toLowerCase() === name.toLowerCase())?.id;
      if (id === undefined) throw new AppError('not_found', 404, `no account named ${name}`);
      console.log(`new password set for ${(await users.resetPassword(id, password, 'cli')).username}`);
    }
  } finally {
    db.close();
  }
}

main().catch((err: unknown) => {
  if (err instanceof AppError || err instanceof ConfigError) {
    const details = err instanceof AppError && err.details ? ': ' + Object.entries(englishDetails(err.details)).map(([k, v]) => `${k} ${v}`).join(', ') : '';
    console.error(err.message + details);
    process.exit(2);
  }
  console.error(err);
  process.exit(1);
});
