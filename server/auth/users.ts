/** Staff accounts: roles, hashed passwords, the first admin from the configuration. */
import { z } from 'zod';
import type { AuditLog } from '../audit/audit-log.js';
import type { Config } from '../core/config.js';
import type { Db } from '../db/connection.js';
import { inTransaction } from '../db/connection.js';
import { badRequest, notFound } from '../core/app-error.js';
import { coded, issueMessage, issuesToMessages, message, type FieldMessages } from '../core/messages.js';
import { hashPassword, NewPassword, verifyNothing, verifyPassword } from './password.js';

export const ROLES = ['admin', 'editor'] as const;
export type Role = (typeof ROLES)[number];

/** Letters of any script, digits, dots, dashes and underscores; compared without case. */
export const Username = z
  .string(coded('required'))
  .trim()
  .regex(/^[\p{L}\p{N}._-]{2,64}$/u, coded('username'));

export const NewUser = z.object({
  username: Username,
  role: z.enum(ROLES, coded('choose')),
  password: NewPassword,
});

export interface User {
  id: number;
  username: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
  lastLoginAt: string | null;
  /** Raised by every change to the account; a session signed in under an older one is refused. */
  credentialGeneration: number;
}

type Row = Omit<User, 'disabled'> & { disabled: number; passwordHash: string };

function toUser({ passwordHash: _hash, ...row }: Row): User {
  return { ...row, disabled: row.disabled === 1 };
}

export type Authentication = { ok: true; user: User } | { ok: false; reason: 'unknown' | 'password' | 'disabled'; user?: User };

export class UserService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
  ) {}

  count(): number {
    return this.db.prepare<[], number>('SELECT count(*) FROM users').pluck().get() ?? 0;
  }

  list(): User[] {
    return this.db.prepare<[], Row>('SELECT * FROM users ORDER BY username').all().map(toUser);
  }

  get(id: number): User | undefined {
    const row = this.db.prepare<[number], Row>('SELECT * FROM users WHERE id = ?').get(id);
    return row && toUser(row);
  }

  private row(username: string): Row | undefined {
    return this.db.prepare<[string], Row>('SELECT * FROM users WHERE username = ?').get(username.normalize('NFC'));
  }

  /** The stored spelling of an account's name, or undefined when there is no such account. */
  knownName(username: string): string | undefined {
    return this.row(username)?.username;
  }

  /** Creates an account; 400 naming the field for a bad input or a name already taken. */
  async create(input: unknown, actor: string): Promise<User> {
    const parsed = NewUser.safeParse(input);
    const details: FieldMessages = parsed.success ? {} : issuesToMessages(parsed.error);
    const named = Username.safeParse((input as Record<string, unknown> | null)?.username);
    if (named.success && this.row(named.data)) details.username = message('taken');
    if (!parsed.success || Object.keys(details).length) throw badRequest(details, 'invalid account');
    const { username, role, password } = parsed.data;
    const name = username.normalize('NFC');
    const hash = await hashPassword(password);
    return inTransaction(this.db, () => {
      // Checked again here: another request may have taken the name while the hash was computed.
      if (this.row(name)) throw badRequest({ username: message('taken') }, 'invalid account');
      const at = new Date().toISOString();
      const id = this.db
        .prepare('INSERT INTO users (username, passwordHash, role, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?)')
        .run(name, hash, role, at, at).lastInsertRowid;
      this.audit.record(actor, 'user.create', JSON.stringify({ username: name, role }));
      return this.get(Number(id))!;
    });
  }

  /**
   * Checks a name and password; an unknown name costs as much time as a wrong password. The user returned is the
   * row the password was checked against, with its credential generation: a change saved meanwhile makes it stale.
   */
  async authenticate(username: string, password: string): Promise<Authentication> {
    const row = this.row(username);
    if (!row) return { ok: false, reason: await verifyNothing(password).then(() => 'unknown' as const) };
    if (!(await verifyPassword(row.passwordHash, password))) return { ok: false, reason: 'password', user: toUser(row) };
    if (row.disabled) return { ok: false, reason: 'disabled', user: toUser(row) };
    return { ok: true, user: toUser(row) };
  }

  /** Notes a sign-in without touching the credential generation, which ends sessions when the account changes. */
  recordLogin(id: number): void {
    this.db.prepare('UPDATE users SET lastLoginAt = ? WHERE id = ?').run(new Date().toISOString(), id);
  }

  /** Disables or enables an account; any change to an account ends its open sessions. */
  setDisabled(id: number, disabled: boolean, actor: string): User {
    return this.change(id, actor, disabled ? 'user.disable' : 'user.enable', () => {
      this.db.prepare('UPDATE users SET disabled = ?, updatedAt = ? WHERE id = ?').run(disabled ? 1 : 0, new Date().toISOString(), id);
    });
  }

  /** Sets a new password (400 naming `password` when it is too short or too long). */
  async resetPassword(id: number, password: unknown, actor: string): Promise<User> {
    const parsed = NewPassword.safeParse(password);
    if (!parsed.success) {
      const [issue] = parsed.error.issues;
      throw badRequest({ password: issue ? issueMessage(issue) : message('invalid') }, 'invalid password');
    }
    const hash = await hashPassword(parsed.data);
    return this.change(id, actor, 'user.reset-password', () => {
      this.db.prepare('UPDATE users SET passwordHash = ?, updatedAt = ? WHERE id = ?').run(hash, new Date().toISOString(), id);
    });
  }

  private change(id: number, actor: string, action: string, write: () => void): User {
    return inTransaction(this.db, () => {
      const user = this.get(id);
      if (!user) throw notFound(`no user with id ${id}`);
      write();
      this.db.prepare('UPDATE users SET credentialGeneration = credentialGeneration + 1 WHERE id = ?').run(id);
      this.audit.record(actor, action, JSON.stringify({ username: user.username }));
      return this.get(id)!;
    });
  }

  /** On a database with no account, creates the admin named in the configuration. */
  async ensureFirstAdmin(config: Pick<Config, 'ADMIN_USERNAME' | 'ADMIN_PASSWORD'>): Promise<User | undefined> {
    if (!config.ADMIN_USERNAME || !config.ADMIN_PASSWORD || this.count() > 0) return undefined;
    try {
      return await this.create({ username: config.ADMIN_USERNAME, password: config.ADMIN_PASSWORD, role: 'admin' }, 'system');
    } catch (err) {
      // Two processes starting on one new database: the other one created the account first.
      if (this.count() > 0) return undefined;
      throw err;
    }
  }
}
