/**
 * PostgreSQL migrations, in order. Each runs once, in its own transaction, recorded in
 * `schema_migrations`; an instance refuses a database that has run more than it knows. Times are
 * ISO-8601 text, as in the SQLite store, so both compare and page the same way.
 */
export const PG_MIGRATIONS: string[] = [
  `
  CREATE TABLE manifests (
    id TEXT PRIMARY KEY,
    carrier TEXT NOT NULL,
    message_ref TEXT NOT NULL,
    body_sha256 TEXT NOT NULL,
    kind TEXT NOT NULL,
    journey_key TEXT NOT NULL,
    received_at TEXT NOT NULL,
    response_json TEXT NOT NULL,
    list_version TEXT,
    rules_version TEXT,
    UNIQUE (carrier, message_ref)
  );
  CREATE INDEX manifests_journey ON manifests (journey_key);
  CREATE TABLE journeys (
    key TEXT PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    journey_json TEXT NOT NULL,
    arrival_scheduled TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    depersonalised_at TEXT,
    traveller_count INTEGER
  );
  CREATE INDEX journeys_arrival ON journeys (arrival_scheduled);
  CREATE TABLE traveller_versions (
    id BIGSERIAL PRIMARY KEY,
    journey_key TEXT NOT NULL,
    ref TEXT NOT NULL,
    manifest_id TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('active', 'withdrawn')),
    data_sha256 TEXT,
    data_json TEXT,
    directive TEXT,
    complete BOOLEAN NOT NULL,
    recorded_at TEXT NOT NULL,
    links TEXT,
    list_version TEXT,
    rules_version TEXT
  );
  CREATE INDEX traveller_versions_current ON traveller_versions (journey_key, ref, id);
  CREATE TABLE alerts (
    id TEXT PRIMARY KEY,
    manifest_id TEXT NOT NULL,
    journey_key TEXT NOT NULL,
    traveller_ref TEXT NOT NULL,
    traveller_json TEXT NOT NULL,
    directive TEXT NOT NULL,
    priority TEXT NOT NULL,
    priority_rank INTEGER NOT NULL,
    score DOUBLE PRECISION NOT NULL,
    status TEXT NOT NULL,
    reasons_json TEXT NOT NULL,
    arrival_scheduled TEXT NOT NULL,
    created_at TEXT NOT NULL,
    superseded_by TEXT,
    claimed_by TEXT,
    outcome TEXT,
    raised_by TEXT NOT NULL DEFAULT 'carrier-message',
    list_version TEXT,
    rules_version TEXT,
    depersonalised_at TEXT,
    suppressions_json TEXT
  );
  CREATE INDEX alerts_queue ON alerts (priority_rank, arrival_scheduled, created_at, id) WHERE superseded_by IS NULL;
  CREATE INDEX alerts_traveller ON alerts (journey_key, traveller_ref);
  CREATE INDEX alerts_retention ON alerts (arrival_scheduled) WHERE depersonalised_at IS NULL;
  CREATE INDEX alerts_status ON alerts (status) WHERE superseded_by IS NULL;
  CREATE TABLE alert_events (
    id BIGSERIAL PRIMARY KEY,
    alert_id TEXT NOT NULL,
    at TEXT NOT NULL,
    principal TEXT NOT NULL,
    action TEXT NOT NULL,
    outcome TEXT,
    note TEXT
  );
  CREATE INDEX alert_events_alert ON alert_events (alert_id, id);
  CREATE TABLE audit_log (
    id BIGINT PRIMARY KEY,
    at TEXT NOT NULL,
    principal TEXT NOT NULL,
    role TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    purpose TEXT,
    prev_hash TEXT,
    hash TEXT
  );
  CREATE INDEX audit_log_at ON audit_log (at);
  CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$;
  CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
  CREATE TABLE watchlists (
    name TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    entries INTEGER NOT NULL,
    source TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    imported_by TEXT NOT NULL,
    generation BIGINT NOT NULL DEFAULT 0
  );
  CREATE TABLE watchlist_entries (
    list TEXT NOT NULL,
    generation BIGINT NOT NULL,
    id TEXT NOT NULL,
    entry_json TEXT NOT NULL,
    PRIMARY KEY (list, generation, id)
  );
  CREATE TABLE travel_history (
    id BIGSERIAL PRIMARY KEY,
    journey_key TEXT NOT NULL,
    ref TEXT NOT NULL,
    departure_at TEXT NOT NULL,
    identity TEXT NOT NULL,
    booking_ref TEXT,
    row_json TEXT NOT NULL,
    UNIQUE (journey_key, ref)
  );
  CREATE INDEX travel_history_identity ON travel_history (identity, departure_at);
  CREATE INDEX travel_history_booking ON travel_history (journey_key, booking_ref);
  CREATE TABLE travel_history_keys (
    key TEXT NOT NULL,
    history_id BIGINT NOT NULL REFERENCES travel_history (id) ON DELETE CASCADE
  );
  CREATE INDEX travel_history_keys_key ON travel_history_keys (key);
  CREATE INDEX travel_history_keys_row ON travel_history_keys (history_id);
  CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    principal TEXT NOT NULL,
    csrf TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
  CREATE TABLE suppressions (
    id TEXT PRIMARY KEY,
    list TEXT NOT NULL,
    entry_id TEXT NOT NULL,
    entry_fingerprint TEXT NOT NULL,
    document_number TEXT NOT NULL,
    date_of_birth TEXT NOT NULL,
    traveller_fingerprint TEXT NOT NULL,
    decided_alert_id TEXT NOT NULL,
    decided_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    revoked_at TEXT,
    revoked_by TEXT,
    revoke_note TEXT
  );
  CREATE INDEX suppressions_active ON suppressions (expires_at) WHERE revoked_at IS NULL;
  CREATE INDEX suppressions_alert ON suppressions (decided_alert_id);
  CREATE TABLE sign_in_failures (
    key TEXT PRIMARY KEY,
    count INTEGER NOT NULL,
    last_at BIGINT NOT NULL
  );
  `,
  `
  CREATE TABLE booking_pushes (
    id TEXT PRIMARY KEY,
    carrier TEXT NOT NULL,
    message_ref TEXT NOT NULL,
    body_sha256 TEXT NOT NULL,
    received_at TEXT NOT NULL,
    summary_json TEXT NOT NULL,
    UNIQUE (carrier, message_ref)
  );
  CREATE TABLE bookings (
    carrier TEXT NOT NULL,
    record_locator TEXT NOT NULL,
    flight_key TEXT NOT NULL,
    departure_at TEXT,
    booking_json TEXT NOT NULL,
    push_id TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (carrier, record_locator, flight_key)
  );
  CREATE INDEX bookings_flight ON bookings (flight_key);
  CREATE INDEX bookings_departure ON bookings (departure_at);
  `,
];
