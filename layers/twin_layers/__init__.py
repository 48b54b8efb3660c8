"""twin_app's built-in layer kinds.

They register through the ``twin_app.layer_kinds`` entry-point group and
import only :mod:`twin_app.api`, exactly as a third-party kind would.
"""
