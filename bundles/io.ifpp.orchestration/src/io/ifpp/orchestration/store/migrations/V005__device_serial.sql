-- Device look-up by serial (REST /devices?serial=, the workbench's search) read the whole table without it.
CREATE INDEX device_serial ON device (serial);
