"""twin_app: an open-source desktop urban digital twin.

The package is split so that the model can be used (and tested) without any
GUI toolkit: :mod:`twin_app.core` holds the data model and never imports Qt or
VTK, :mod:`twin_app.scene` turns layers into PyVista meshes without Qt, and
:mod:`twin_app.qt` / :mod:`twin_app.cli` are thin front ends over both.
"""

__version__ = "0.1.0"
