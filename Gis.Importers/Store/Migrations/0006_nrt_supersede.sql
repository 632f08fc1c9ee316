-- NRT then standard: FIRMS delivers a pass first as near-real-time (version ending in NRT, predicted geolocation)
-- and later as standard/archive data for the same pass. The standard detections replace the NRT ones of the same
-- (satellite, UTC acquisition day) in every count, but the NRT rows stay stored (marked) so what was reported at
-- the time can still be traced.

-- Computed from the version so no importer can disagree with it; part of the identity below.
ALTER TABLE hotspot ADD COLUMN is_nrt boolean GENERATED ALWAYS AS (version LIKE '%NRT') STORED;

-- The standard batch whose detections replaced this NRT detection; NULL while it counts.
ALTER TABLE hotspot ADD COLUMN superseded_by_batch bigint REFERENCES import_batch;

-- Standard positions are usually identical to the NRT ones: without is_nrt in the identity the standard detection
-- would be dropped as a duplicate of the NRT record. With it, the same file imported again still adds nothing
-- (its rows meet their own earlier copies), and NRT files overlapping each other still store each detection once.
ALTER TABLE hotspot DROP CONSTRAINT hotspot_identity;
ALTER TABLE hotspot ADD CONSTRAINT hotspot_identity UNIQUE (satellite, acquired_utc, latitude, longitude, is_nrt);

-- What every count reads: the one place the supersede rule is applied. Queries that count hotspots use this view,
-- never the table; QGIS can open it too (id stays the key).
CREATE VIEW hotspot_counted AS
SELECT * FROM hotspot WHERE superseded_by_batch IS NULL;
