-- Each land-use snapshot's green land dissolved per district, and the green change per district between every two
-- stored snapshots made from it (ADR 0024), so `gis targets green` reads a change instead of clipping, dissolving and
-- differencing thousands of parcels on every query. Written only by saving acts: a land-use import (its snapshot)
-- and a boundary import (the districts it changed, for every snapshot), in their own transaction, through
-- landuse_green_refresh below.

CREATE TABLE landuse_green (
    snapshot      smallint NOT NULL REFERENCES landuse_snapshot ON DELETE CASCADE,
    -- Level-4 admin_area code; NULL: green land that lies in no district (reported apart, counted in none).
    district_code text,
    -- The union of the snapshot's green parcels clipped to the district: land under two overlapping parcels is
    -- one place. No row where the snapshot has no green land there.
    geom          geometry(MultiPolygon, ${srid_wgs84}) NOT NULL,
    -- ST_Area(geom::geography), square metres on the WGS 84 ellipsoid (rai are made from it in Gis.Core, the one
    -- definition of the unit).
    green_m2      double precision NOT NULL,
    CONSTRAINT landuse_green_key UNIQUE NULLS NOT DISTINCT (snapshot, district_code)
);

-- Green change per district from the earlier to the later of two snapshots: gain = area(green(later) - green(earlier)),
-- loss the reverse, m² on the ellipsoid, each measured on the difference itself (area(later) - area(common) would
-- carry the ellipsoidal area's error of the whole district's green, square metres). The other direction swaps gain
-- and loss. No row: neither snapshot has green land there, no change.
CREATE TABLE landuse_green_change (
    from_snapshot smallint NOT NULL REFERENCES landuse_snapshot ON DELETE CASCADE,
    to_snapshot   smallint NOT NULL REFERENCES landuse_snapshot ON DELETE CASCADE,
    -- As in landuse_green: NULL is the land outside every district.
    district_code text,
    gain_m2       double precision NOT NULL,
    loss_m2       double precision NOT NULL,
    CHECK (from_snapshot < to_snapshot),
    CONSTRAINT landuse_green_change_key UNIQUE NULLS NOT DISTINCT (from_snapshot, to_snapshot, district_code)
);

-- Recomputes the rows of the given snapshots (NULL: all) and districts (NULL: all), and always the snapshots'
-- "outside every district" row, which any district change moves; then their changes against every stored snapshot.
-- The table lock makes a land-use import and a boundary import that run at once queue here: whichever refreshes
-- second sees the other's committed rows (each statement of this function takes a new snapshot), so a dissolved
-- row never rests on boundaries or parcels that were replaced. Readers are not blocked.
CREATE FUNCTION landuse_green_refresh(of_snapshots smallint[], of_districts text[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    LOCK TABLE landuse_green, landuse_green_change IN EXCLUSIVE MODE;
    DELETE FROM landuse_green g
    WHERE (of_snapshots IS NULL OR g.snapshot = ANY(of_snapshots))
      AND (of_districts IS NULL OR g.district_code = ANY(of_districts) OR g.district_code IS NULL);

    -- A parcel the district covers is taken whole, without an intersection (most parcels).
    INSERT INTO landuse_green (snapshot, district_code, geom, green_m2)
    SELECT snapshot, code, geom, ST_Area(geom::geography)
    FROM (SELECT p.snapshot, d.code,
                 ST_Multi(ST_CollectionExtract(ST_Union(CASE WHEN ST_Covers(d.geom, p.geom) THEN p.geom
                     ELSE ST_CollectionExtract(ST_Intersection(d.geom, p.geom), 3) END), 3)) AS geom
          FROM admin_area d
          JOIN landuse_parcel p ON p.is_green AND (of_snapshots IS NULL OR p.snapshot = ANY(of_snapshots))
                               AND ST_Intersects(d.geom, p.geom)
          WHERE d.level = 4 AND (of_districts IS NULL OR d.code = ANY(of_districts))
          GROUP BY p.snapshot, d.code) g
    WHERE NOT ST_IsEmpty(geom);

    -- The parts of green parcels that no district (of any province) covers.
    INSERT INTO landuse_green (snapshot, district_code, geom, green_m2)
    SELECT snapshot, NULL, geom, ST_Area(geom::geography)
    FROM (SELECT p.snapshot,
                 ST_Multi(ST_CollectionExtract(ST_Union(coalesce(ST_CollectionExtract(ST_Difference(p.geom, (
                     SELECT ST_Union(a.geom) FROM admin_area a WHERE a.level = 4 AND ST_Intersects(a.geom, p.geom))), 3),
                     p.geom)), 3)) AS geom
          FROM landuse_parcel p
          WHERE p.is_green AND (of_snapshots IS NULL OR p.snapshot = ANY(of_snapshots))
            AND NOT EXISTS (SELECT 1 FROM admin_area a WHERE a.level = 4 AND ST_Covers(a.geom, p.geom))
          GROUP BY p.snapshot) g
    WHERE NOT ST_IsEmpty(geom);

    DELETE FROM landuse_green_change c
    WHERE (of_snapshots IS NULL OR c.from_snapshot = ANY(of_snapshots) OR c.to_snapshot = ANY(of_snapshots))
      AND (of_districts IS NULL OR c.district_code = ANY(of_districts) OR c.district_code IS NULL);
    -- Two differences per district and pair; a district whose green is the same geometry in both skips them, one
    -- with green in only one snapshot takes its stored area.
    INSERT INTO landuse_green_change (from_snapshot, to_snapshot, district_code, gain_m2, loss_m2)
    SELECT k.s1, k.s2, k.district_code,
           CASE WHEN g2.geom IS NULL THEN 0 WHEN g1.geom IS NULL THEN g2.green_m2 WHEN g1.geom = g2.geom THEN 0
                ELSE ST_Area(ST_CollectionExtract(ST_Difference(g2.geom, g1.geom), 3)::geography) END,
           CASE WHEN g1.geom IS NULL THEN 0 WHEN g2.geom IS NULL THEN g1.green_m2 WHEN g1.geom = g2.geom THEN 0
                ELSE ST_Area(ST_CollectionExtract(ST_Difference(g1.geom, g2.geom), 3)::geography) END
    FROM (SELECT DISTINCT a.snapshot AS s1, b.snapshot AS s2, g.district_code
          FROM landuse_snapshot a
          JOIN landuse_snapshot b ON a.snapshot < b.snapshot
          JOIN landuse_green g ON g.snapshot IN (a.snapshot, b.snapshot)
          WHERE (of_snapshots IS NULL OR a.snapshot = ANY(of_snapshots) OR b.snapshot = ANY(of_snapshots))
            AND (of_districts IS NULL OR g.district_code = ANY(of_districts) OR g.district_code IS NULL)) k
    LEFT JOIN landuse_green g1 ON g1.snapshot = k.s1 AND coalesce(g1.district_code, '') = coalesce(k.district_code, '')
    LEFT JOIN landuse_green g2 ON g2.snapshot = k.s2 AND coalesce(g2.district_code, '') = coalesce(k.district_code, '');
END
$$;

-- Snapshots imported before this migration.
SELECT landuse_green_refresh(NULL, NULL);
