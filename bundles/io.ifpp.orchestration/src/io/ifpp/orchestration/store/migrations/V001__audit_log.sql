-- The append-only audit log (io.ifpp.orchestration.audit.AuditLog): each entry hashes the previous one.
CREATE TABLE audit_log (
    seq BIGINT PRIMARY KEY,
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
    actor VARCHAR(200) NOT NULL,
    action VARCHAR(200) NOT NULL,
    subject VARCHAR(400) NOT NULL,
    details VARCHAR(4000) NOT NULL,
    previous_hash VARCHAR(64) NOT NULL,
    hash VARCHAR(64) NOT NULL
);
-- One row, locked by every append, so that servers sharing the database append one at a time.
CREATE TABLE audit_head (
    id INT PRIMARY KEY,
    seq BIGINT NOT NULL,
    hash VARCHAR(64) NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
