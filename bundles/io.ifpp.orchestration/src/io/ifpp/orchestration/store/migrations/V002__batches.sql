-- Manufacturing batches and their devices (io.ifpp.orchestration.pipeline.BatchStore). A device row moves through
-- the stages; a worker claims rows (FOR UPDATE SKIP LOCKED) with a lease, so another takes over when one dies.
CREATE TABLE batch (
    id VARCHAR(64) PRIMARY KEY,
    plan_name VARCHAR(400) NOT NULL,
    quantity INT NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE TABLE device (
    batch_id VARCHAR(64) NOT NULL REFERENCES batch (id),
    idx INT NOT NULL,
    stage VARCHAR(32) NOT NULL,
    attempts INT DEFAULT 0 NOT NULL,
    claimed_by VARCHAR(100),
    claimed_until TIMESTAMP WITH TIME ZONE,
    failure VARCHAR(1000),
    PRIMARY KEY (batch_id, idx)
);
CREATE INDEX device_stage ON device (stage, batch_id, idx);
-- An ICCID is assigned once, ever: the primary key makes a second assignment fail instead of duplicating it.
CREATE TABLE profile_assignment (
    iccid VARCHAR(20) PRIMARY KEY,
    batch_id VARCHAR(64) NOT NULL,
    device_idx INT NOT NULL,
    profile VARCHAR(200) NOT NULL,
    FOREIGN KEY (batch_id, device_idx) REFERENCES device (batch_id, idx)
);
