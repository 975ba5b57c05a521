-- Profile content: the SHA-256 of the package each ICCID is to carry (recorded with the sealed order), the hashes a
-- vendor reports per installed ICCID (comma-separated, in the line's ICCID order), and what reconciliation found
-- when they differ.
ALTER TABLE profile_assignment ADD COLUMN package_sha256 VARCHAR(64);
ALTER TABLE report_device ADD COLUMN package_hashes VARCHAR(7000) DEFAULT '' NOT NULL;
