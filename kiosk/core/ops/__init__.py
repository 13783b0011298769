"""Running unattended: settings, logs, the start's compiled code, systemd notifications and the staff diagnostics."""
