-- Decisions are append-only: what the engine decided and the evidence it decided on never change
-- once stored, whoever writes. Only who holds the work now and whether it is closed may
-- (currentAssigneeKey, currentQueueKey, overrideCount, resolvedAt, resolution): overrides,
-- re-routes and triage move those. Each decision carries the hash of everything else
-- (evidenceHash: sent by the routing commit, else computed by the database on insert), so `switchyard verify-log` can prove no stored
-- decision was edited even by someone who bypassed the triggers. There is no chain between
-- decisions: a chain would make every routing commit in every process wait for the one before it;
-- deleting a decision is refused by the trigger instead (docs/adr/0005).

-- Everything but the holder columns, in a fixed order: the other columns as one JSON array (text
-- form of json_build_array), then each piece of JSON evidence as its stored text, prefixed by its
-- length in bytes ("-" for a missing context). lib/server/routing/decision-evidence.ts hashes
-- the same bytes.
CREATE FUNCTION switchyard_hash_part(t TEXT) RETURNS BYTEA LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN t IS NULL THEN convert_to('-', 'UTF8')
              ELSE convert_to(E'\n' || octet_length(convert_to(t, 'UTF8')) || ':', 'UTF8') || convert_to(t, 'UTF8') END
$$;

CREATE FUNCTION switchyard_decision_hash(d "Decision") RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(
    convert_to(json_build_array(
      d.id, to_char(d."createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS'), d."recordId", d."objectType", d."policyVersionId", d."versionNumber",
      d."policyHash", d.kind, d."assigneeKey", d."queueKey", d."ruleKey", d.intent, d."suppressionKey", d."reasonCode",
      to_char(d."slaDueAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS'), to_char(d."evaluatedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS'), d.source, d."requestId",
      d."apiKeyId", d."accountExternalId", d."reroutedFromId", d."shadowRunId", d."formatVersion"
    )::text, 'UTF8')
    || switchyard_hash_part(d.record::text) || switchyard_hash_part(d.context::text)
    || switchyard_hash_part(d."stateSnapshot"::text) || switchyard_hash_part(d.decision::text)
  ), 'hex')
$$;

UPDATE "Decision" d SET "evidenceHash" = switchyard_decision_hash(d);

-- On insert, only when the writer sent no hash: the routing commit sends the one it computed
-- (lib/server/routing/decision-evidence.ts, the same bytes), so its inserts never call into PL/pgSQL
-- (the WHEN clause is checked by the executor). verify-log checks every hash alike.
CREATE FUNCTION switchyard_decision_hash_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."evidenceHash" := switchyard_decision_hash(NEW);
  RETURN NEW;
END $$;

CREATE TRIGGER switchyard_decision_hash_on_insert BEFORE INSERT ON "Decision"
  FOR EACH ROW WHEN (NEW."evidenceHash" IS NULL) EXECUTE FUNCTION switchyard_decision_hash_on_insert();

CREATE FUNCTION switchyard_decision_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'Decisions are append-only: decision % cannot be deleted', OLD.id USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW."evidenceHash" IS DISTINCT FROM OLD."evidenceHash" OR switchyard_decision_hash(NEW) IS DISTINCT FROM OLD."evidenceHash" THEN
    RAISE EXCEPTION 'Decisions are append-only: what decision % decided and its evidence cannot change (only who holds it and whether it is closed)', OLD.id
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER switchyard_decision_append_only BEFORE UPDATE OR DELETE ON "Decision"
  FOR EACH ROW EXECUTE FUNCTION switchyard_decision_append_only();
