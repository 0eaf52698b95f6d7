-- Routing checks, inside its one-message transaction, that the distribution state (member loads,
-- queue rotations) and the live version it decided with are still what it read; if not, this
-- raises a serialization failure (SQLSTATE 40001), the transaction rolls back and routing retries
-- with locks (lib/server/routing/routing-state.ts).
CREATE OR REPLACE FUNCTION switchyard_expect(ok boolean, what text) RETURNS boolean
LANGUAGE plpgsql AS $$
BEGIN
  IF ok IS NOT TRUE THEN
    RAISE EXCEPTION 'routing read a stale %', what USING ERRCODE = '40001';
  END IF;
  RETURN true;
END
$$;

-- The decision (outcome, inputs as read, trace) is stored uncompressed, out of line: compressing
-- ~3 KB of JSON per decision (pglz) was the largest single cost of writing one (see
-- docs/design/routing-in-operation.md). It costs more disk; reads skip decompression.
ALTER TABLE "Decision" ALTER COLUMN "decision" SET STORAGE EXTERNAL;
