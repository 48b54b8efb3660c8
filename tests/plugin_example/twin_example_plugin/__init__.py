"""An example third-party twin_app analysis package.

Kept empty: manifests are read without importing any code.
"""
