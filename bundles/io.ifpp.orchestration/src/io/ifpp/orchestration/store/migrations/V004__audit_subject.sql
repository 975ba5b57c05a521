-- A device's history reads the audit entries of its batch and work orders by subject.
CREATE INDEX audit_log_subject ON audit_log (subject, seq);
