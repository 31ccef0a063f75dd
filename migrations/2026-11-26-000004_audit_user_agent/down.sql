ALTER TABLE audit_log DROP COLUMN user_agent;
