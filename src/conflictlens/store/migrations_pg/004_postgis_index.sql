-- Where PostGIS is installed in the database, `near` filters use ST_DWithin on this index;
-- elsewhere the bounding box on events_latlon and the haversine distance serve them.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'postgis') THEN
        EXECUTE 'CREATE INDEX events_geog ON events USING GIST '
                '((ST_SetSRID(ST_MakePoint(longitude, latitude), 4326)::geography))';
    END IF;
END
$$;
