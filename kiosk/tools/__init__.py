"""Tools run by staff and developers — self-test, proof sheets, benchmarks — never imported by the exhibit."""
