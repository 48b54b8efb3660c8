"""twin_app's built-in analyses (registered like third-party plugins)."""
