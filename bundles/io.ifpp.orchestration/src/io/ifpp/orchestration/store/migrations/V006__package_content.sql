-- Profile content: the SHA-256 of the package each ICCID is to carry (recorded with the sealed order), the hashes a
-- vendor reports per installed ICCID (comma-separated, in the line's ICCID order), and the association token of the
-- eIM each eUICC is given at manufacture (SGP.32 AddInitialEimRequest), for the eIM hand-off.
ALTER TABLE profile_assignment ADD COLUMN package_sha256 VARCHAR(64);
ALTER TABLE report_device ADD COLUMN package_hashes VARCHAR(7000) DEFAULT '' NOT NULL;
-- What an order sends and receives, each written once: the sealed order for the vendor and the copy kept sealed to
-- IFPP Studio's own key (KeptPackages makes a device's packages from it), then the vendor's signed report. Not in
-- the order's row, which every step updates: with orders carrying profiles, the megabytes there were rewritten at
-- each update (H2 allocated 13 GB of write buffers for a 10,000-device batch). The work_order columns stay for
-- orders sealed before.
CREATE TABLE order_payload (
    order_id VARCHAR(80) PRIMARY KEY REFERENCES work_order (id),
    sealed BYTEA NOT NULL,
    kept BYTEA,
    report BYTEA,
    report_signature BYTEA
);
ALTER TABLE device ADD COLUMN eim_association_token BIGINT;
