DROP TABLE audit_checkpoint;
