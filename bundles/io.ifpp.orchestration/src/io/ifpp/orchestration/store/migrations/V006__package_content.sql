-- Profile content: the SHA-256 of the package each ICCID is to carry (recorded with the sealed order), the copy of
-- the order's payload sealed to IFPP Studio's own key (KeptPackages makes a device's packages from it), and the
-- hashes a vendor reports per installed ICCID (comma-separated, in the line's ICCID order); and the association
-- token of the eIM each eUICC is given at manufacture (SGP.32 AddInitialEimRequest), for the eIM hand-off.
ALTER TABLE profile_assignment ADD COLUMN package_sha256 VARCHAR(64);
ALTER TABLE report_device ADD COLUMN package_hashes VARCHAR(7000) DEFAULT '' NOT NULL;
ALTER TABLE work_order ADD COLUMN kept_payload BYTEA;
ALTER TABLE device ADD COLUMN eim_association_token BIGINT;
