/** Migrations in order; PRAGMA user_version records how many have run. */
export const MIGRATIONS: string[] = [
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
    UNIQUE (carrier, message_ref)
  );
  CREATE TABLE journeys (
    key TEXT PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    journey_json TEXT NOT NULL,
    arrival_scheduled TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE traveller_versions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    journey_key TEXT NOT NULL,
    ref TEXT NOT NULL,
    manifest_id TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('active', 'withdrawn')),
    data_sha256 TEXT,
    data_json TEXT,
    directive TEXT,
    complete INTEGER NOT NULL,
    recorded_at TEXT NOT NULL
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
    score REAL NOT NULL,
    status TEXT NOT NULL,
    reasons_json TEXT NOT NULL,
    arrival_scheduled TEXT NOT NULL,
    created_at TEXT NOT NULL,
    superseded_by TEXT
  );
  CREATE INDEX alerts_queue ON alerts (priority_rank, arrival_scheduled, created_at, id) WHERE superseded_by IS NULL;
  CREATE INDEX alerts_traveller ON alerts (journey_key, traveller_ref);
  CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    principal TEXT NOT NULL,
    role TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    purpose TEXT
  );
  `,
  `
  CREATE TABLE watchlists (
    name TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    entries INTEGER NOT NULL,
    source TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    imported_by TEXT NOT NULL
  );
  CREATE TABLE watchlist_entries (
    list TEXT NOT NULL,
    id TEXT NOT NULL,
    entry_json TEXT NOT NULL,
    PRIMARY KEY (list, id)
  );
  `,
  `
  CREATE TABLE travel_history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    journey_key TEXT NOT NULL,
    ref TEXT NOT NULL,
    departure_at TEXT NOT NULL,
    identity TEXT NOT NULL,
    booking_ref TEXT,
    row_json TEXT NOT NULL
  );
  CREATE INDEX travel_history_identity ON travel_history (identity, departure_at);
  CREATE INDEX travel_history_booking ON travel_history (journey_key, booking_ref);
  CREATE UNIQUE INDEX travel_history_traveller ON travel_history (journey_key, ref);
  CREATE TABLE travel_history_keys (
    key TEXT NOT NULL,
    history_id INTEGER NOT NULL REFERENCES travel_history (id) ON DELETE CASCADE
  );
  CREATE INDEX travel_history_keys_key ON travel_history_keys (key);
  CREATE INDEX travel_history_keys_row ON travel_history_keys (history_id);
  `,
  `
  ALTER TABLE alerts ADD COLUMN claimed_by TEXT;
  ALTER TABLE alerts ADD COLUMN outcome TEXT;
  CREATE TABLE alert_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    alert_id TEXT NOT NULL,
    at TEXT NOT NULL,
    principal TEXT NOT NULL,
    action TEXT NOT NULL,
    outcome TEXT,
    note TEXT
  );
  CREATE INDEX alert_events_alert ON alert_events (alert_id, id);
  CREATE INDEX audit_log_at ON audit_log (at);
  `,
  `
  CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    principal TEXT NOT NULL,
    csrf TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
  `,
  `
  -- The journey cache reads "versions of this journey written since id N" on every message.
  CREATE INDEX traveller_versions_since ON traveller_versions (journey_key, id);
  `,
  `
  -- A traveller version's booking links (bookingLinks), so a check-in reads which travellers of
  -- its journey it relates to without parsing every one. NULL on rows written before this column.
  ALTER TABLE traveller_versions ADD COLUMN links TEXT;
  `,
  `
  -- Every answer records the watch-list and rule-set versions it was computed under: an answer is
  -- reused or replayed only while both are still in force (screening integrity, issue 13).
  ALTER TABLE traveller_versions ADD COLUMN list_version TEXT;
  ALTER TABLE traveller_versions ADD COLUMN rules_version TEXT;
  ALTER TABLE manifests ADD COLUMN list_version TEXT;
  ALTER TABLE manifests ADD COLUMN rules_version TEXT;
  ALTER TABLE alerts ADD COLUMN raised_by TEXT NOT NULL DEFAULT 'carrier-message';
  ALTER TABLE alerts ADD COLUMN list_version TEXT;
  ALTER TABLE alerts ADD COLUMN rules_version TEXT;
  -- Re-screening walks the journeys not yet arrived.
  CREATE INDEX journeys_arrival ON journeys (arrival_scheduled);
  `,
  `
  -- The audit log is append-only and tamper-evident (issue 15): each row's HMAC chains to the one
  -- before (src/store/audit-chain.ts); triggers refuse any update or delete through SQL.
  ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
  ALTER TABLE audit_log ADD COLUMN hash TEXT;
  CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
  CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
  `,
  `
  -- Retention (issue 15): what was depersonalised and when; a journey keeps its traveller count.
  ALTER TABLE alerts ADD COLUMN depersonalised_at TEXT;
  ALTER TABLE journeys ADD COLUMN depersonalised_at TEXT;
  ALTER TABLE journeys ADD COLUMN traveller_count INTEGER;
  CREATE INDEX alerts_retention ON alerts (arrival_scheduled) WHERE depersonalised_at IS NULL;
  `,
  `
  -- Stored lists are replaced in bounded transactions (issue 15): a new upload is written as a new
  -- generation in batches, switched to in one small transaction, and the old one deleted in batches.
  CREATE TABLE watchlist_entries_g (
    list TEXT NOT NULL,
    generation INTEGER NOT NULL,
    id TEXT NOT NULL,
    entry_json TEXT NOT NULL,
    PRIMARY KEY (list, generation, id)
  );
  INSERT INTO watchlist_entries_g (list, generation, id, entry_json) SELECT list, 0, id, entry_json FROM watchlist_entries;
  DROP TABLE watchlist_entries;
  ALTER TABLE watchlist_entries_g RENAME TO watchlist_entries;
  ALTER TABLE watchlists ADD COLUMN generation INTEGER NOT NULL DEFAULT 0;
  `,
  `
  -- Decisions that carry forward (issue 16): a false-match decision suppresses later matches of the
  -- same person (document number and date of birth) against the same version of the same entry.
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
  -- Which suppressions an alert record was set aside by (JSON array; NULL when none).
  ALTER TABLE alerts ADD COLUMN suppressions_json TEXT;
  CREATE INDEX alerts_status ON alerts (status) WHERE superseded_by IS NULL;
  `,
  `
  -- Failed sign-ins per (hashed) username: the throttle is kept by the store, like sessions.
  CREATE TABLE sign_in_failures (
    key TEXT PRIMARY KEY,
    count INTEGER NOT NULL,
    last_at INTEGER NOT NULL
  );
  `,
  `
  -- Booking data (PNRGOV, issue 18): each push once per carrier and messageRef; each booking filed
  -- per flight, a later push of it replacing it.
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
