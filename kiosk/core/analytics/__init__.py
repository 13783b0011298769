"""Private visitor analytics: the database, the recorder, and the staff report."""
