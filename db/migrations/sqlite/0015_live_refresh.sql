-- Live refresh (the PostgreSQL migration of the same name) has nothing to do
-- in SQLite: one computer writes the file. The migration exists so that both
-- dialects stay at the same schema version, which a move between them checks.
SELECT 1;
