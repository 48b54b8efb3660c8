"""An example third-party twin_app package: a layer kind and a feed source for air-quality stations.

Kept empty: manifests are read without importing any code.
"""
