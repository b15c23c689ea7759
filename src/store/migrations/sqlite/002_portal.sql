-- Client portal (issue 3). A client file created from an online account's first booking, waiting for the
-- front desk to link it to an existing file or to keep it (the "link queue"): pending_link = 1.
ALTER TABLE clients ADD COLUMN pending_link INTEGER NOT NULL DEFAULT 0;
CREATE INDEX clients_pending_link ON clients(pending_link);
CREATE INDEX accounts_client ON accounts(client_id);
CREATE INDEX client_members_member ON client_members(member_id);
CREATE INDEX password_resets_account ON password_resets(account_id);
CREATE INDEX sessions_subject ON sessions(kind, subject_id);
