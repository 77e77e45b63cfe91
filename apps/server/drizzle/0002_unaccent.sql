-- Accent-insensitive matching: callers are found whether the agent types "Hélène" or "helene",
-- and ticket search matches "telephone" to "téléphone".
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION guichet_fold(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$;
--> statement-breakpoint
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'guichet_french') THEN
    CREATE TEXT SEARCH CONFIGURATION guichet_french (COPY = pg_catalog.french);
    ALTER TEXT SEARCH CONFIGURATION guichet_french
      ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, french_stem;
  END IF;
END $$;
