-- Live refresh between computers sharing this database (db/store-changes.ts).
-- Triggers rather than the Store: every writer (the app, the CLI, a move, a
-- user's own psql) is covered, and NOTIFY is delivered only if and when the
-- transaction commits. Statement-level triggers with transition tables: a
-- COPY or an UPDATE of a million rows sends one small notification, not a
-- million. Revisions are sequences, not a counter row, because a sequence
-- never blocks: a counter row would serialise every writer until COMMIT and
-- let two transactions deadlock on it. One sequence per table lets a listener
-- that missed notifications see which tables changed meanwhile.
CREATE SEQUENCE store_revision;
--> statement-breakpoint
CREATE FUNCTION store_notify(changed text, op text, n bigint, ids jsonb) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('spending_store_changed', json_build_object(
    'table', changed, 'op', op, 'count', n, 'ids', ids,
    'revision', nextval('store_revision'),
    'tableRevision', nextval(format('store_revision_%s', changed)::regclass))::text);
END $$;
--> statement-breakpoint
-- Ids only for a few rows: a payload must stay under 8000 bytes.
CREATE FUNCTION store_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  n bigint;
  ids jsonb;
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    PERFORM store_notify(TG_TABLE_NAME, 'truncate', NULL, NULL);
    RETURN NULL;
  END IF;
  IF TG_OP = 'DELETE' THEN
    SELECT count(*) INTO n FROM old_rows;
    IF n BETWEEN 1 AND 100 THEN SELECT jsonb_agg(to_jsonb(r) -> 'id') INTO ids FROM old_rows r; END IF;
  ELSE
    SELECT count(*) INTO n FROM new_rows;
    IF n BETWEEN 1 AND 100 THEN SELECT jsonb_agg(to_jsonb(r) -> 'id') INTO ids FROM new_rows r; END IF;
  END IF;
  -- An UPDATE or DELETE that matched nothing changed nothing.
  IF n > 0 THEN PERFORM store_notify(TG_TABLE_NAME, lower(TG_OP), n, ids); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['transactions', 'categories', 'category_keywords', 'rules', 'rule_runs', 'accounts',
    'account_mappings', 'statement_imports', 'import_profiles', 'bank_connections', 'truelayer_accounts',
    'truelayer_balances', 'budgets'] LOOP
    EXECUTE format('CREATE SEQUENCE %I', 'store_revision_' || t);
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows '
      'FOR EACH STATEMENT EXECUTE FUNCTION store_notify_change()', t || '_notify_insert', t);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS new_rows '
      'FOR EACH STATEMENT EXECUTE FUNCTION store_notify_change()', t || '_notify_update', t);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows '
      'FOR EACH STATEMENT EXECUTE FUNCTION store_notify_change()', t || '_notify_delete', t);
    EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I '
      'FOR EACH STATEMENT EXECUTE FUNCTION store_notify_change()', t || '_notify_truncate', t);
  END LOOP;
END $$;
