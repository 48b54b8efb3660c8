"""An example third-party twin_app analysis package (kept empty: manifests are read without importing code)."""
