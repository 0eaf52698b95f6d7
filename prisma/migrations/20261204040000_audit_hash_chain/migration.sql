-- Audit events: append-only and hash-chained by the database, whoever writes them.
ALTER TABLE "AuditEvent" ADD COLUMN "seq" BIGINT, ADD COLUMN "prevHash" TEXT, ADD COLUMN "hash" TEXT;
CREATE UNIQUE INDEX "AuditEvent_seq_key" ON "AuditEvent"("seq");
CREATE SEQUENCE "AuditEvent_seq_seq" OWNED BY "AuditEvent"."seq";

-- What an event's hash covers: the previous hash, its position and every field, as one JSON array
-- (jsonb's text form is canonical), sha256 in hex. The same expression verifies the chain.
CREATE FUNCTION switchyard_audit_hash(prev TEXT, seq BIGINT, at TIMESTAMP(3), actor_id TEXT, actor_email TEXT, action TEXT, entity_type TEXT, entity_id TEXT, summary TEXT, before JSONB, after JSONB)
RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(jsonb_build_array(prev, seq, to_char(at, 'YYYY-MM-DD"T"HH24:MI:SS.MS'), actor_id, actor_email, action, entity_type, entity_id, summary, before, after)::text, 'UTF8')), 'hex')
$$;

-- The existing events, oldest first, become the start of the chain.
DO $$
DECLARE r RECORD; prev TEXT := NULL; n BIGINT := 0;
BEGIN
  FOR r IN SELECT id FROM "AuditEvent" ORDER BY at, id LOOP
    n := nextval('"AuditEvent_seq_seq"');
    UPDATE "AuditEvent" e SET seq = n, "prevHash" = prev,
      hash = switchyard_audit_hash(prev, n, e.at, e."actorId", e."actorEmail", e.action, e."entityType", e."entityId", e.summary, e.before, e.after)
    WHERE e.id = r.id RETURNING e.hash INTO prev;
  END LOOP;
END $$;

-- Each new event: one writer at a time (a transaction-scoped lock, held to commit), linked to the
-- last event, numbered after it, hashed.
CREATE FUNCTION switchyard_audit_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE prev TEXT;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('switchyard_audit_chain'));
  SELECT hash INTO prev FROM "AuditEvent" WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1;
  NEW.seq := nextval('"AuditEvent_seq_seq"');
  NEW."prevHash" := prev;
  NEW.hash := switchyard_audit_hash(prev, NEW.seq, NEW.at, NEW."actorId", NEW."actorEmail", NEW.action, NEW."entityType", NEW."entityId", NEW.summary, NEW.before, NEW.after);
  RETURN NEW;
END $$;
CREATE TRIGGER switchyard_audit_chain BEFORE INSERT ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION switchyard_audit_chain();

CREATE FUNCTION switchyard_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'The audit log is append-only: % of audit events is not allowed', lower(TG_OP) USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER switchyard_audit_append_only BEFORE UPDATE OR DELETE ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION switchyard_audit_append_only();
