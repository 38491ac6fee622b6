"""Tables, database setup and migrations, the idempotent write helper and the metric queries."""
