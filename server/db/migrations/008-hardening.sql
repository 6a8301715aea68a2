-- A credential generation per account: every change to an account (password, disabled) raises it, and a
-- session signed in under an older generation is refused, however its sign-in raced with the change.
ALTER TABLE users ADD COLUMN credentialGeneration INTEGER NOT NULL DEFAULT 0;

-- Repeated failed sign-ins of one account from one address are counted in one audit row per window:
-- the row is found again by its action, actor and window key.
ALTER TABLE audit_log ADD COLUMN windowKey TEXT;
CREATE INDEX audit_log_window ON audit_log (windowKey) WHERE windowKey IS NOT NULL;
