-- Privacy (issue 14). PostgreSQL twin of sqlite/005_privacy.sql.
-- clients.erased_at: when the file's personal data was blanked (RGPD erasure); NULL while it holds any.
-- clients.marketing_opt_out: 1 = no marketing messages (birthdays); set from the file or an unsubscribe link.
ALTER TABLE clients ADD COLUMN erased_at BIGINT;
ALTER TABLE clients ADD COLUMN marketing_opt_out BIGINT NOT NULL DEFAULT 0;
-- What the network owns itself (one row): its name and how long a client file is kept after the last contact.
CREATE TABLE network (
  id BIGINT PRIMARY KEY CHECK (id = 1), name TEXT NOT NULL DEFAULT '', retention_years BIGINT NOT NULL DEFAULT 3);
INSERT INTO network (id, name, retention_years) VALUES (1, '', 3);
-- Who exported, erased or changed which client file. No personal data in `detail`; rows outlive the file.
CREATE TABLE audit_log (
  id BIGSERIAL PRIMARY KEY, at BIGINT NOT NULL, actor_type TEXT NOT NULL, actor_id BIGINT NOT NULL DEFAULT 0,
  actor_name TEXT NOT NULL DEFAULT '', action TEXT NOT NULL, client_id BIGINT, detail TEXT NOT NULL DEFAULT '');
CREATE INDEX audit_log_client ON audit_log(client_id, at);
CREATE INDEX audit_log_actor ON audit_log(actor_type, actor_id, at);
CREATE INDEX audit_log_at ON audit_log(at);
-- Unsubscribe links of marketing e-mails: the token (kept hashed) sets the client's marketing_opt_out.
CREATE TABLE unsubscribe_tokens (
  token_hash TEXT PRIMARY KEY, client_id BIGINT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL);
CREATE INDEX unsubscribe_tokens_client ON unsubscribe_tokens(client_id);
