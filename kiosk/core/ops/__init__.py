"""Running unattended: settings, logs, systemd notifications and the staff diagnostics."""
