"""Qt adapters: expose the pure-Python core to QML as registered types, list models and image providers."""
