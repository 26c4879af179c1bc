"""Records <-> db.json: the schema, the one decoder, the integrity checks, reading and writing
(the one writer for every file), the per-user cache, the verifier process and the loading
policy. Nothing here imports Textual. Empty on purpose: importing one module (the verifier,
before Textual starts) never loads the rest."""
