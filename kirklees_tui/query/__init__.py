"""Records -> what the user asked to see: the catalog's indexes, the filter, the chronology,
exports and theme tagging. Nothing here imports Textual."""
