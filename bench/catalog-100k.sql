-- 100,000 benchmark products (slug bench-N) in the demo catalog's eight categories, with two variants, stock and
-- two typed attributes each: set-based inserts, so seeding takes seconds. Used by bench/search.sh and bench/pages.sh.
WITH words AS (
  SELECT ARRAY['Alpine','Coastal','Everyday','Summit','Trail','Harbor','Nordic','Canyon','Meadow','Urban','Classic','Ridge','Cedar','Glacier','Prairie','Drift','Ember','Lakeside','Timber','Aurora'] AS adj,
         ARRAY['Tee','Hoodie','Jacket','Parka','Boot','Sneaker','Daypack','Tote','Tent','Lantern','Mug','Bottle','Beanie','Scarf','Gloves','Sweatshirt','Fleece','Sandal','Duffel','Skillet'] AS noun,
         ARRAY['Northwind','Fjell & Co','Bluebird','Oakline','Kestrel','Saltmarsh','Pinecrest','Wayfarer'] AS brand
), gen AS (
  SELECT g,
         adj[1 + (g % 20)] || ' ' || noun[1 + ((g / 20) % 20)] || ' ' || (g / 400)::text AS name,
         brand[1 + (g % 8)] AS brand,
         1 + (g % 8) AS category_id
  FROM generate_series(1, 100000) g, words
)
INSERT INTO products (name, slug, description, brand, category_id, currency, is_published, is_featured, created_at, updated_at)
SELECT name, 'bench-' || g, 'The ' || name || ' by ' || brand || ': made to last, tested on real trips, easy to care for.',
       brand, category_id, 'USD', true, false, now() - (g || ' minutes')::interval, now()
FROM gen;

INSERT INTO product_variants (product_id, sku, title, size, colour, price_minor)
SELECT p.id, 'BENCH-' || p.id || '-' || s.size, s.size || ' / Black', s.size, 'Black', 1000 + (p.id % 200) * 100 - 1
FROM products p CROSS JOIN (VALUES ('S'), ('M')) s(size)
WHERE p.slug LIKE 'bench-%';

INSERT INTO inventory (variant_id, location_id, on_hand, reserved, reorder_point, reorder_quantity)
SELECT v.id, (SELECT min(id) FROM locations), CASE WHEN v.id % 7 = 0 THEN 0 ELSE 20 END, 0, 0, 0
FROM product_variants v WHERE v.sku LIKE 'BENCH-%';

INSERT INTO stock_movements (variant_id, location_id, kind, on_hand_delta, reserved_delta, actor, note, at)
SELECT variant_id, location_id, 'Receipt', on_hand, 0, 'bench', 'Benchmark stock', now() FROM inventory WHERE on_hand > 0 AND variant_id IN (SELECT id FROM product_variants WHERE sku LIKE 'BENCH-%');
-- Two typed attributes on every benchmark product, so attribute facets are counted as in a real catalog.
INSERT INTO attribute_definitions (code, name, type) VALUES ('material', 'Material', 'Text'), ('waterproof', 'Waterproof', 'Bool')
ON CONFLICT DO NOTHING;
INSERT INTO product_attributes (product_id, attribute_id, value)
SELECT p.id, d.id, CASE d.code WHEN 'material' THEN (ARRAY['Cotton','Wool','Nylon','Leather','Canvas'])[1 + p.id % 5]
                               ELSE CASE WHEN p.id % 3 = 0 THEN 'true' ELSE 'false' END END
FROM products p CROSS JOIN attribute_definitions d
WHERE p.slug LIKE 'bench-%' AND d.code IN ('material', 'waterproof');
VACUUM ANALYZE;
