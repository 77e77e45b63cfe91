-- The audit log is append-only, in the database too: no API, job or person changes or removes a line
-- once written (ANSSI remote-assistance principle: the log is protected from the technician).
CREATE FUNCTION guichet_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$;--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION guichet_append_only();--> statement-breakpoint
CREATE TRIGGER remote_session_events_append_only BEFORE UPDATE OR DELETE ON "remote_session_events"
  FOR EACH ROW EXECUTE FUNCTION guichet_append_only();
