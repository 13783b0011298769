"""The exhibit as curators write it: model, schema, loading, validation, sources and the last good copy."""
