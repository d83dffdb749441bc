/**
 * Schema migrations, oldest first. Migration i takes a database at version i to version i+1.
 * Never edit a released migration: append a new one (older workspace files are migrated on open).
 */
export const MIGRATIONS: readonly string[] = [
  /* v1: samples, sources, label history, votes, runs, predictions, scans, flags */ `
  CREATE TABLE sources (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('fer2013-csv', 'image-folder')),
    path TEXT NOT NULL,
    fingerprint TEXT NOT NULL UNIQUE,      -- content hash: re-importing the same file is recognised
    imported_at TEXT NOT NULL,
    row_count INTEGER NOT NULL,
    info TEXT NOT NULL DEFAULT '{}'        -- JSON: header, resize notes, skipped rows
  );
  CREATE TABLE samples (
    id INTEGER PRIMARY KEY,                -- equals the fer2013.csv row when FER2013 is the first import
    source_id INTEGER NOT NULL REFERENCES sources(id),
    source_row INTEGER NOT NULL,           -- row index (csv) or file order (folder) within its source
    source_ref TEXT,                       -- file path for image folders
    split TEXT NOT NULL CHECK (split IN ('Training', 'PublicTest', 'PrivateTest')),
    width INTEGER NOT NULL DEFAULT 48,
    height INTEGER NOT NULL DEFAULT 48,
    pixels BLOB NOT NULL,                  -- raw uint8 grayscale, row-major
    original_label INTEGER NOT NULL CHECK (original_label BETWEEN 0 AND 6),
    label INTEGER NOT NULL CHECK (label BETWEEN 0 AND 6),
    excluded INTEGER NOT NULL DEFAULT 0 CHECK (excluded IN (0, 1)),
    kept INTEGER NOT NULL DEFAULT 0 CHECK (kept IN (0, 1)),  -- a reviewer confirmed the current label
    UNIQUE (source_id, source_row)
  );
  CREATE INDEX samples_split_label ON samples (split, label);
  CREATE TABLE votes (
    sample_id INTEGER PRIMARY KEY REFERENCES samples(id),
    angry INTEGER NOT NULL, disgust INTEGER NOT NULL, fear INTEGER NOT NULL, happy INTEGER NOT NULL,
    sad INTEGER NOT NULL, surprise INTEGER NOT NULL, neutral INTEGER NOT NULL,
    contempt INTEGER NOT NULL, unknown INTEGER NOT NULL, nf INTEGER NOT NULL
  );
  -- One user action = one batch = one undo step. Undo/redo write new events into a batch of their own.
  CREATE TABLE label_batches (
    id INTEGER PRIMARY KEY,
    reason TEXT NOT NULL,                  -- manual | bulk | accepted-suggestion | review | undo | redo
    note TEXT,
    created_at TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'applied' CHECK (state IN ('applied', 'undone', 'dropped', 'meta')),
    target_batch INTEGER REFERENCES label_batches(id),  -- for undo/redo batches: the batch they act on
    undo_seq INTEGER                       -- order of undos, so redo takes the most recent one
  );
  CREATE TABLE label_events (
    id INTEGER PRIMARY KEY,                -- also the workspace's label version
    batch_id INTEGER NOT NULL REFERENCES label_batches(id),
    sample_id INTEGER NOT NULL REFERENCES samples(id),
    field TEXT NOT NULL CHECK (field IN ('label', 'excluded', 'kept')),
    from_value INTEGER NOT NULL,
    to_value INTEGER NOT NULL,
    reason TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX label_events_sample ON label_events (sample_id, id);
  CREATE INDEX label_events_batch ON label_events (batch_id);
  CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL DEFAULT 'train',    -- train | scan-fold
    status TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed', 'cancelled')),
    config TEXT NOT NULL,                  -- JSON TrainConfig
    engine TEXT NOT NULL,                  -- JSON EngineReport
    label_version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    finished_at TEXT,
    duration_s REAL,
    metrics TEXT,                          -- JSON final metrics (accuracy, per class, confusion)
    checkpoint TEXT,                       -- folder with model.json + weights
    error TEXT
  );
  CREATE TABLE run_epochs (
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    epoch INTEGER NOT NULL,
    metrics TEXT NOT NULL,                 -- JSON: train/val loss and accuracy, lr, img/s, seconds
    PRIMARY KEY (run_id, epoch)
  );
  CREATE TABLE predictions (
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    sample_id INTEGER NOT NULL REFERENCES samples(id),
    predicted INTEGER NOT NULL,
    probs BLOB NOT NULL,                   -- float32 x 7
    loss REAL,
    PRIMARY KEY (run_id, sample_id)
  );
  CREATE TABLE triplets (
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    true_label INTEGER NOT NULL,
    predicted_label INTEGER NOT NULL,
    sample_id INTEGER NOT NULL,            -- the misclassified image
    predicted_example_id INTEGER,          -- a confident example of the predicted class
    true_example_id INTEGER,               -- a confident example of the true class
    confidence REAL NOT NULL,
    PRIMARY KEY (run_id, sample_id)
  );
  CREATE TABLE scans (
    id INTEGER PRIMARY KEY,
    status TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed', 'cancelled')),
    config TEXT NOT NULL,
    engine TEXT NOT NULL,
    label_version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    finished_at TEXT,
    duration_s REAL,
    summary TEXT,                          -- JSON: thresholds, confident joint, noise matrix, counts
    error TEXT
  );
  CREATE TABLE scan_scores (
    scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
    sample_id INTEGER NOT NULL REFERENCES samples(id),
    fold INTEGER NOT NULL,
    given INTEGER NOT NULL,
    probs BLOB NOT NULL,                   -- float32 x 7, out-of-fold
    loss REAL NOT NULL,
    self_confidence REAL NOT NULL,
    margin REAL NOT NULL,
    entropy REAL NOT NULL,
    predicted INTEGER NOT NULL,
    score REAL NOT NULL,                   -- higher = more likely mislabeled
    issue INTEGER NOT NULL,                -- confident-learning label issue (0/1)
    suggested INTEGER NOT NULL,
    PRIMARY KEY (scan_id, sample_id)
  );
  CREATE TABLE flags (
    scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
    sample_id INTEGER NOT NULL REFERENCES samples(id),
    rank INTEGER NOT NULL,
    score REAL NOT NULL,
    given INTEGER NOT NULL,                -- the label when scanned; status is derived from the sample now
    suggested INTEGER NOT NULL,
    PRIMARY KEY (scan_id, sample_id)
  );
  CREATE INDEX flags_rank ON flags (scan_id, rank);
  `,
  /* v2: each finished round of a running scan, so a cancelled or interrupted scan resumes without redoing it */ `
  CREATE TABLE scan_rounds (
    scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
    round INTEGER NOT NULL,
    probs BLOB NOT NULL,                   -- float32, the round's scored samples x 7, in fold-plan order
    PRIMARY KEY (scan_id, round)
  );
  `,
  /* v3: near-duplicate images: a hash per sample (computed once), and the groups of copies with what they were grouped on */ `
  CREATE TABLE sample_hashes (
    sample_id INTEGER PRIMARY KEY REFERENCES samples(id),
    exact TEXT NOT NULL,                   -- sha1 of the pixels (and size): byte-identical copies
    phash BLOB                             -- 64-bit DCT perceptual hash, 8 bytes big-endian; NULL: a flat image
  );
  CREATE TABLE duplicate_members (
    sample_id INTEGER PRIMARY KEY REFERENCES samples(id),
    group_id INTEGER NOT NULL              -- the smallest sample id of the group
  );
  CREATE INDEX duplicate_members_group ON duplicate_members (group_id);
  CREATE TABLE duplicate_grouping (        -- one row: the samples and distance the groups were made from
    id INTEGER PRIMARY KEY CHECK (id = 1),
    samples INTEGER NOT NULL,
    max_sample_id INTEGER NOT NULL,
    max_distance INTEGER NOT NULL,
    computed_at TEXT NOT NULL,
    seconds REAL NOT NULL
  );
  `,
  /* v4: who made each label step (door:client, e.g. 'http:3f9a0c1d', 'ipc:window-1', 'local:cli'), so undo can say whose step it reverts; NULL before v4 */ `
  ALTER TABLE label_batches ADD COLUMN actor TEXT;
  `,
  /* v5: each scanned sample's nearest look-alikes in its fold model's feature space, shown to the reviewer */ `
  CREATE TABLE scan_neighbours (
    scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
    sample_id INTEGER NOT NULL REFERENCES samples(id),
    neighbours BLOB NOT NULL,              -- int32 sample ids, most similar first (same fold: one model, one feature space)
    similarity BLOB NOT NULL,              -- float32 cosine similarity of each
    PRIMARY KEY (scan_id, sample_id)
  );
  `,
  /* v6: any dataset, not only FER2013. The dataset's definition (classes, working size, split names) is recorded at
     its first import; labels are no longer checked against 7 classes (the core checks them against the definition),
     and sources gain the IDX kind. SQLite cannot drop a CHECK, so both tables are rebuilt (foreign keys are off
     while migrating, and checked before commit). No row means FER2013. */ `
  CREATE TABLE dataset (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    definition TEXT NOT NULL               -- JSON DatasetDefinition (src-common/dataset.ts)
  );
  CREATE TABLE sources_v6 (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('fer2013-csv', 'image-folder', 'idx')),
    path TEXT NOT NULL,
    fingerprint TEXT NOT NULL UNIQUE,
    imported_at TEXT NOT NULL,
    row_count INTEGER NOT NULL,
    info TEXT NOT NULL DEFAULT '{}'
  );
  INSERT INTO sources_v6 (id, kind, path, fingerprint, imported_at, row_count, info)
    SELECT id, kind, path, fingerprint, imported_at, row_count, info FROM sources;
  DROP TABLE sources;
  ALTER TABLE sources_v6 RENAME TO sources;
  CREATE TABLE samples_v6 (
    id INTEGER PRIMARY KEY,
    source_id INTEGER NOT NULL REFERENCES sources(id),
    source_row INTEGER NOT NULL,
    source_ref TEXT,
    split TEXT NOT NULL CHECK (split IN ('Training', 'PublicTest', 'PrivateTest')),  -- roles: train, validation, test
    width INTEGER NOT NULL DEFAULT 48,
    height INTEGER NOT NULL DEFAULT 48,
    pixels BLOB NOT NULL,
    original_label INTEGER NOT NULL CHECK (original_label >= 0),
    label INTEGER NOT NULL CHECK (label >= 0),
    excluded INTEGER NOT NULL DEFAULT 0 CHECK (excluded IN (0, 1)),
    kept INTEGER NOT NULL DEFAULT 0 CHECK (kept IN (0, 1)),
    UNIQUE (source_id, source_row)
  );
  INSERT INTO samples_v6 (id, source_id, source_row, source_ref, split, width, height, pixels, original_label, label, excluded, kept)
    SELECT id, source_id, source_row, source_ref, split, width, height, pixels, original_label, label, excluded, kept FROM samples;
  DROP TABLE samples;
  ALTER TABLE samples_v6 RENAME TO samples;
  CREATE INDEX samples_split_label ON samples (split, label);
  `,
  /* v7: a scan's scores in grid order (highest first, then sample id), so the grid's first page sorted by score
     walks an index instead of sorting every sample (bench scale, a million rows) */ `
  CREATE INDEX scan_scores_by_score ON scan_scores (scan_id, score DESC, sample_id);
  `,
  /* v8: what every page asks first (info: counts per split and label, excluded, changed) read from an index instead
     of every 2.5 KB sample row (1.8 s + 0.6 s at a million rows), and the few samples a decision touched (the review
     queue's statuses) from a partial index instead of a scan of them all (0.6 s) */ `
  DROP INDEX samples_split_label;
  CREATE INDEX samples_split_label_state ON samples (split, label, excluded, original_label, kept);
  CREATE INDEX samples_touched ON samples (id) WHERE excluded = 1 OR kept = 1 OR label != original_label;
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;
