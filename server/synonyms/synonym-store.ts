/** Synonym rules that staff maintain: checked writes, each in one transaction with its audit entry, and a snapshot search keeps. */
import { AuditLog, toEntry, type AuditEntry, type AuditRow } from '../audit/audit-log.js';
import { englishDetails, issuesToMessages, message, type FieldMessages } from '../core/messages.js';
import { inTransaction, type Db } from '../db/connection.js';
import { formatRule, normaliseTerm, ruleKey, SynonymInputSchema, type SynonymKind, type SynonymValue } from './synonym-input.js';

/** One synonym rule: `equivalent` terms all find each other (A = B = C); `oneway`: terms[0] also finds terms[1..] (A → B, C). */
export interface Synonym {
  id: number;
  kind: 'equivalent' | 'oneway';
  terms: string[];
}

/** The rules as they are now, with a number that changes whenever any rule changes (from any process). */
export interface SynonymSnapshot {
  version: number;
  synonyms: Synonym[];
}

/** A rule with what the back office shows beside it. */
export interface SynonymRecord extends Synonym {
  note: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** What a form or the default list supplies: checked by the store. */
export interface SynonymInput {
  kind?: unknown;
  terms?: unknown;
  note?: unknown;
}

/**
 * A write the store refused. `status` follows HTTP: 400 (`details` names each bad field), 404 (no such rule) or
 * 409 (the rule changed since the version the writer saw; `current` is the stored rule).
 */
export class SynonymError extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    message: string,
    readonly details: FieldMessages = {},
    readonly current?: SynonymRecord,
  ) {
    super(message);
    this.name = 'SynonymError';
  }
}

export type SynonymValidation = { ok: true; value: SynonymValue } | { ok: false; details: FieldMessages };

interface Row {
  id: number;
  kind: SynonymKind;
  terms: string;
  note: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

function toRecord(row: Row): SynonymRecord {
  return { ...row, terms: JSON.parse(row.terms) as string[] };
}

/** What the audit log shows of a rule: the rule written out (its kind shows in `=` or `→`) and its note. */
function auditView(record: SynonymRecord): Record<string, unknown> {
  const rule = formatRule(record.kind, record.terms);
  return record.note ? { rule, note: record.note } : { rule };
}

/** Audit actions of rule changes, named like the listing ones. */
export const SYNONYM_ACTIONS = { create: 'synonym.create', update: 'synonym.update', delete: 'synonym.delete', defaults: 'synonym.defaults' } as const;

function statements(db: Db) {
  return {
    version: db.prepare<[], number>('SELECT version FROM synonyms_state WHERE id = 1').pluck(),
    all: db.prepare<[], Row>('SELECT * FROM synonyms ORDER BY id'),
    get: db.prepare<[number], Row>('SELECT * FROM synonyms WHERE id = ?'),
    insert: db.prepare<[SynonymKind, string, string, string, string]>('INSERT INTO synonyms (kind, terms, note, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?)'),
    update: db.prepare<[SynonymKind, string, string, string, number, number]>('UPDATE synonyms SET kind = ?, terms = ?, note = ?, updatedAt = ?, version = version + 1 WHERE id = ? AND version = ?'),
    remove: db.prepare<[number]>('DELETE FROM synonyms WHERE id = ?'),
    count: db.prepare<[], number>('SELECT count(*) FROM synonyms').pluck(),
    defaultsLoaded: db.prepare<[], string | null>('SELECT defaultsLoadedAt FROM synonyms_state WHERE id = 1').pluck(),
    markDefaults: db.prepare<[string]>('UPDATE synonyms_state SET defaultsLoadedAt = ? WHERE id = 1'),
    history: db.prepare<[number], AuditRow>("SELECT * FROM audit_log WHERE collection IS NULL AND listingId = ? AND action LIKE 'synonym.%' ORDER BY id DESC"),
  };
}

type Statements = ReturnType<typeof statements>;

export class SynonymStore {
  private readonly audit: AuditLog;
  private readonly sql: Statements;
  private readonly readSnapshot: () => SynonymSnapshot;
  private kept: SynonymSnapshot | undefined;

  constructor(private readonly db: Db) {
    this.audit = new AuditLog(db);
    this.sql = statements(db);
    // The counter and the rules from one read snapshot, so the version always describes the rules beside it.
    this.readSnapshot = db.transaction(() => ({
      version: this.sql.version.get() ?? 0,
      synonyms: Object.freeze(this.sql.all.all().map(({ id, kind, terms }) => Object.freeze({ id, kind, terms: Object.freeze(JSON.parse(terms)) }))) as Synonym[],
    }));
  }

  /** Cheap when nothing changed: reads the change counter and returns the kept snapshot (frozen: share, never change it). */
  snapshot(): SynonymSnapshot {
    const version = this.sql.version.get() ?? 0;
    if (this.kept?.version !== version) this.kept = Object.freeze(this.readSnapshot());
    return this.kept;
  }

  /** Every rule, oldest first. */
  list(): SynonymRecord[] {
    return this.sql.all.all().map(toRecord);
  }

  /**
   * The rules with a term that contains `text` (folded as terms are), or all of them for an empty text: the last
   * changed first, then (the default list shares one time) in the order they were added.
   */
  find(text: string): SynonymRecord[] {
    const needle = normaliseTerm(text);
    const rules = this.list().sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.id - b.id);
    return needle ? rules.filter((rule) => rule.terms.some((term) => term.includes(needle))) : rules;
  }

  get(id: number): SynonymRecord | undefined {
    const row = this.sql.get.get(id);
    return row && toRecord(row);
  }

  /** How many rules there are. */
  count(): number {
    return this.sql.count.get() ?? 0;
  }

  /** The audit entries of one rule, newest first. */
  history(id: number): AuditEntry[] {
    return this.sql.history.all(id).map(toEntry);
  }

  /** Checks an input: its shape, its terms, and that no other rule (than `id`) says the same. */
  validate(input: SynonymInput, id?: number): SynonymValidation {
    const result = SynonymInputSchema.safeParse(input ?? {});
    if (!result.success) {
      return { ok: false, details: issuesToMessages(result.error) };
    }
    const same = this.sameRule(result.data, id);
    return same ? { ok: false, details: { terms: message('sameRule', { id: same.id }) } } : { ok: true, value: result.data };
  }

  create(input: SynonymInput, actor: string): SynonymRecord {
    return inTransaction(this.db, () => this.insertChecked(this.checked(input), actor));
  }

  /** Replaces a rule's kind, terms and note; `expectedVersion` is the version the writer saw (a newer one is a 409). */
  update(id: number, input: SynonymInput, expectedVersion: number, actor: string): SynonymRecord {
    return inTransaction(this.db, () => {
      const before = this.current(id, expectedVersion);
      const value = this.checked(input, id);
      this.sql.update.run(value.kind, JSON.stringify(value.terms), value.note, new Date().toISOString(), id, before.version);
      const after = this.get(id)!;
      this.audit.recordChangeOf(actor, SYNONYM_ACTIONS.update, id, auditView(before), auditView(after));
      return after;
    });
  }

  /** Deletes a rule; with `expectedVersion`, only the version the writer saw. */
  remove(id: number, actor: string, expectedVersion?: number): void {
    inTransaction(this.db, () => {
      const before = this.current(id, expectedVersion);
      this.sql.remove.run(id);
      this.audit.recordChangeOf(actor, SYNONYM_ACTIONS.delete, id, auditView(before), null);
    });
  }

  /** True once the default list has been loaded into this database (or found rules already there). */
  defaultsLoaded(): boolean {
    return Boolean(this.sql.defaultsLoaded.get());
  }

  /**
   * Loads `inputs` once in the life of the database, and only into an empty table: after that (even when staff
   * later delete every rule) it does nothing, so staff edits are never overwritten. Returns the rules loaded.
   */
  loadDefaults(inputs: SynonymInput[], actor: string): number {
    return inTransaction(this.db, () => {
      // Checked inside the write lock: two processes starting together load the list once.
      if (this.defaultsLoaded()) return 0;
      const values = this.count() === 0 ? inputs.map((input, i) => this.checked(input, undefined, `default rule ${i + 1}`)) : [];
      const now = new Date().toISOString();
      for (const value of values) this.sql.insert.run(value.kind, JSON.stringify(value.terms), value.note, now, now);
      this.sql.markDefaults.run(now);
      this.audit.record(actor, SYNONYM_ACTIONS.defaults, JSON.stringify({ rules: values.length }));
      return values.length;
    });
  }

  private checked(input: SynonymInput, id?: number, what = 'invalid synonym rule'): SynonymValue {
    const result = this.validate(input, id);
    if (!result.ok) throw new SynonymError(400, `${what}: ${JSON.stringify(englishDetails(result.details))}`, result.details);
    return result.value;
  }

  private insertChecked(value: SynonymValue, actor: string): SynonymRecord {
    const now = new Date().toISOString();
    const id = Number(this.sql.insert.run(value.kind, JSON.stringify(value.terms), value.note, now, now).lastInsertRowid);
    const after = this.get(id)!;
    this.audit.recordChangeOf(actor, SYNONYM_ACTIONS.create, id, null, auditView(after));
    return after;
  }

  private current(id: number, expectedVersion: number | undefined): SynonymRecord {
    const before = this.get(id);
    if (!before) throw new SynonymError(404, `no synonym rule with id ${id}`);
    if (expectedVersion !== undefined && expectedVersion !== before.version) {
      throw new SynonymError(409, `this rule was changed by someone else (version ${before.version}, you edited version ${expectedVersion})`, { version: message('currentVersion', { version: before.version }) }, before);
    }
    return before;
  }

  private sameRule(value: SynonymValue, id: number | undefined): SynonymRecord | undefined {
    const key = ruleKey(value.kind, value.terms);
    return this.list().find((rule) => rule.id !== id && ruleKey(rule.kind, rule.terms) === key);
  }
}
