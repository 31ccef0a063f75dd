ALTER TABLE audit_log ADD COLUMN user_agent text;
