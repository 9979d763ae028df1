"""ruamel.yaml's node classes and errors, and so its C parser (libyaml) and resolver,
without running the `ruamel.yaml` package's own `__init__`: import them from here.

That `__init__` imports ruamel.yaml's whole public API (the YAML class, loaders, dumpers
and `typing`), which a check never uses and which costs a pre-commit check about 5 % of
its time. So, unless the package is already imported, it is registered here from its
spec without running `__init__`, and its submodules load as usual. The first time
anything asks the package for a name it lacks (`from ruamel.yaml import YAML`, say), it
runs `__init__` then, exactly as the import would have, and answers: the rendering and
round-trip code (carekit.manuscript.draft_yaml) see the ordinary package.
"""

from __future__ import annotations

import sys
from importlib.machinery import PathFinder
from types import ModuleType

_PACKAGE = "ruamel.yaml"


def _register_uninitialised(name: str) -> None:
    """Put package `name` in sys.modules without running its `__init__`, which runs on
    the first name asked of it that it does not have. Does nothing when the package is
    imported already or cannot be found (the ordinary import then reports it)."""
    if name in sys.modules:
        return
    parent = __import__(name.rpartition(".")[0])  # `ruamel`: a namespace package
    spec = PathFinder.find_spec(name, parent.__path__)
    if spec is None or spec.loader is None or spec.submodule_search_locations is None:
        return
    package = ModuleType(name)
    # What importlib sets on a package before running its __init__.
    package.__spec__ = spec
    package.__loader__ = spec.loader
    package.__package__ = name
    package.__path__ = spec.submodule_search_locations
    package.__file__ = spec.origin
    package.__cached__ = spec.cached

    def initialise(attribute: str) -> object:
        del package.__dict__["__getattr__"]  # once: __init__ itself looks names up
        spec.loader.exec_module(package)
        return getattr(package, attribute)

    package.__getattr__ = initialise
    sys.modules[name] = package
    parent.yaml = package


_register_uninitialised(_PACKAGE)

from ruamel.yaml.error import MarkedYAMLError, YAMLError  # noqa: E402
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode  # noqa: E402

__all__ = ["MappingNode", "MarkedYAMLError", "Node", "ScalarNode", "SequenceNode", "YAMLError"]
