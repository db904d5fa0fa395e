"""Demo data for the embedded default: seeded on the first run of ./run-console.sh."""
