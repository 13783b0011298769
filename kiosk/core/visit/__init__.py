"""A visit: where the visitor is, the idle clock, the staff PIN, the clock they run on, and physical sizes."""
