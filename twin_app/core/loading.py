"""Load a city's layers, one at a time, isolating failures.

A broken file must cost the user that one layer, never the city: each
layer's error becomes a :class:`LayerProblem` with a readable sentence and
loading goes on.  Only cancellation stops the whole load.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from twin_app.core import layer_cache
from twin_app.core.city import MANIFEST_NAME, CityManifest, LayerSpec, load_manifest, resolve_city
from twin_app.core.errors import CancelledError, EmptyLayerError, TwinError
from twin_app.core.explain import explain
from twin_app.core.feedback import Feedback
from twin_app.core.i18n import _
from twin_app.core.kinds import KindRegistry, LoadContext, default_registry, kind_attribution
from twin_app.core.layers import Layer
from twin_app.core.model import CityModel, LayerProblem, as_city_districts
from twin_app.core.sources import confined_source, require_regular_file


def scene_origin(manifest: CityManifest) -> tuple[float, float]:
    """A round point near the city centre that all geometry is drawn relative to.

    VTK stores float32: projected coordinates of millions of metres would
    lose centimetres and make picking jitter, so meshes are built relative to
    this origin.
    """
    from pyproj import Transformer

    w, s, e, n = manifest.bbox_lonlat
    x, y = Transformer.from_crs("EPSG:4326", manifest.crs, always_xy=True).transform((w + e) / 2, (s + n) / 2)
    return (round(x, -2), round(y, -2))


def context_for(manifest: CityManifest, spec: LayerSpec, feedback: Feedback, cache: dict) -> LoadContext:
    return LoadContext(
        crs=manifest.crs,
        bbox_lonlat=manifest.bbox_lonlat,
        layer_id=spec.id,
        title=spec.title,
        buildings=manifest.buildings,
        feedback=feedback,
        cache=cache,
    )


def load_layer(
    manifest: CityManifest, spec: LayerSpec, *, registry: KindRegistry, feedback: Feedback, cache: dict
) -> Layer:
    if spec.manifest_source is not None:  # named by a city.toml: confined to its folder
        confined_source(
            manifest.folder,
            spec.manifest_source,
            layer=spec.display_title(),
            manifest=manifest.folder / MANIFEST_NAME,
        )
    # before the cache key or any reader touches it: a FIFO would block them forever
    require_regular_file(
        spec.source, what=_("data file of layer '{layer}'").format(layer=spec.display_title())
    )
    # Opened once here, so that a file we may not read is said to be one (see ``explain``):
    # readers that catch OSError would call it damaged, and blame the wrong party.
    with open(spec.source, "rb"):
        pass
    kind = registry.get(spec.kind)
    layer = layer_cache.load(
        manifest,
        spec,
        kind,
        lambda: registry.load(
            spec.kind, spec.source, spec.options, context_for(manifest, spec, feedback, cache)
        ),
        feedback=feedback,
        shared=cache,
    )
    layer.id, layer.title = spec.id, spec.title
    layer.titles = dict(spec.titles)
    layer.visible, layer.opacity = spec.visible, spec.opacity
    layer.source = spec.source
    layer.attribution = spec.attribution
    if spec.id == manifest.districts_layer:
        # after the cache, so that a new [districts] name_column needs no reload
        layer = as_city_districts(manifest, layer)
    return layer


def describe_unexpected(spec: LayerSpec, exc: BaseException) -> str:
    """A sentence for an error the layer kind did not raise on purpose (a full disk, a damaged zip, ...).

    The known causes are the user's to fix and say how (see ``explain``); only
    an unknown one asks for a report, naming the file and the layer.
    """
    subject = _("The layer '{layer}' could not be loaded from '{path}'").format(
        layer=spec.display_title(), path=spec.source
    )
    return explain(exc, subject=subject)


def iter_layers(
    manifest: CityManifest,
    *,
    registry: KindRegistry | None = None,
    feedback: Feedback | None = None,
    only: Iterable[str] | None = None,
) -> Iterator[Layer | LayerProblem]:
    """Yield each layer as it loads, or the problem that stopped it.

    A generator, so a GUI worker can hand each layer to the GUI thread as
    soon as it is ready instead of waiting for the whole city.
    """
    registry = registry or default_registry()
    feedback = feedback or Feedback()
    wanted = set(only) if only is not None else None
    specs = [s for s in manifest.layers if wanted is None or s.id in wanted]
    cache: dict = {}
    if wanted is None:
        for note in manifest.notes:  # keys this version ignores: said once per city load
            feedback.warning(note)
    for i, spec in enumerate(specs):
        feedback.check_cancelled()
        feedback.progress(i / max(len(specs), 1), _("Loading {layer}…").format(layer=spec.display_title()))
        try:
            yield load_layer(manifest, spec, registry=registry, feedback=feedback, cache=cache)
        except CancelledError:
            raise
        except EmptyLayerError as exc:
            if spec.options.get("optional"):
                # e.g. a city with no water: nothing to show is not a problem
                feedback.info(
                    _("'{layer}' has nothing to show in this city and is left out.").format(
                        layer=spec.display_title()
                    )
                )
                continue
            feedback.warning(str(exc))
            yield LayerProblem(spec.id, spec.display_title(), str(exc))
        except TwinError as exc:
            feedback.warning(str(exc))
            yield LayerProblem(spec.id, spec.display_title(), str(exc))
        except Exception as exc:  # a layer kind's bug must not take the city down
            message = describe_unexpected(spec, exc)
            feedback.warning(message)
            yield LayerProblem(spec.id, spec.display_title(), message)
    feedback.progress(1.0, _("Loaded"))


def load_city(
    city: str | Path | None = None,
    *,
    registry: KindRegistry | None = None,
    feedback: Feedback | None = None,
    only: Iterable[str] | None = None,
    model: CityModel | None = None,
) -> CityModel:
    """Load every layer of a city (or those in ``only``) into a :class:`CityModel`.

    If ``model`` is given (the GUI creates it first, so views can subscribe
    before layers arrive), layers are added to it as they load.
    """
    if model is None:
        manifest = load_manifest(resolve_city(city))
        model = CityModel(manifest=manifest, origin=scene_origin(manifest))
    for item in iter_layers(model.manifest, registry=registry, feedback=feedback, only=only):
        if isinstance(item, LayerProblem):
            model.problems.append(item)
        else:
            model.add_layer(item)
    return model


def open_city_model(city: str | Path | None = None) -> CityModel:
    """An empty model for a city, to be filled by :func:`load_city`."""
    manifest = load_manifest(resolve_city(city))
    return CityModel(manifest=manifest, origin=scene_origin(manifest))


def read_file_layer(
    path: Path,
    manifest: CityManifest,
    *,
    registry: KindRegistry | None = None,
    feedback: Feedback | None = None,
) -> Layer:
    """Read one data file the user opened or dropped, as a layer of this city."""
    registry = registry or default_registry()
    path = Path(path)
    require_regular_file(path)  # chosen by the user, so not confined, but never a FIFO or a device
    kind = registry.for_file(path)
    spec = LayerSpec(
        id=path.name.split(".")[0] or "layer",
        kind=kind.name,
        source=path,
        title=path.name,
        attribution=kind_attribution(kind, path),
    )
    return load_layer(manifest, spec, registry=registry, feedback=feedback or Feedback(), cache={})
