"""The proof checks' findings and the arithmetic of legibility, without Qt."""
