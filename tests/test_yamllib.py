"""carekit.io.yamllib: ruamel.yaml's parser and nodes without the package's __init__,
which still runs, whole, the first time anything asks the package for its public API.

Each case runs in a fresh interpreter: the point is what a process imports, and in what
order."""

from __future__ import annotations

import subprocess
import sys
from importlib import metadata

from conftest import ROOT, SEED_000


def _run(script: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_check_parses_with_libyaml_and_leaves_the_package_init_unrun():
    out = _run(
        "import sys\n"
        "from pathlib import Path\n"
        "from carekit.draft.loader import load_file\n"
        f"loaded = load_file(Path({str(SEED_000)!r}))\n"
        "package = sys.modules['ruamel.yaml']\n"
        "print('C parser:', '_ruamel_yaml' in sys.modules)\n"
        "print('init run:', '__getattr__' not in vars(package))\n"
        "print('main:', 'ruamel.yaml.main' in sys.modules)\n"
        "print('title:', loaded.draft.get('title'))\n"
    )
    assert "C parser: True" in out
    assert "init run: False" in out
    assert "main: False" in out
    assert "title: Iatrogenic calcinosis cutis" in out


def test_the_public_api_works_after_the_parts_were_loaded():
    out = _run(
        "import io, sys\n"
        "import carekit.io.yamllib\n"
        "import ruamel.yaml\n"
        "from ruamel.yaml import YAML\n"
        "print('init run:', '__getattr__' not in vars(sys.modules['ruamel.yaml']))\n"
        "print('version:', ruamel.yaml.__version__)\n"
        "print('libyaml:', ruamel.yaml.__with_libyaml__)\n"
        "yaml = YAML()\n"
        "data = yaml.load('# kept\\nb: 1\\na: [x, y]  # also kept\\n')\n"
        "data['c'] = 'new'\n"
        "out = io.StringIO()\n"
        "yaml.dump(data, out)\n"
        "print(repr(out.getvalue()))\n"
    )
    assert "init run: True" in out
    assert f"version: {metadata.version('ruamel.yaml')}" in out
    assert "libyaml: True" in out
    assert repr("# kept\nb: 1\na: [x, y]  # also kept\nc: new\n") in out


def test_an_already_imported_package_is_used_as_it_is():
    out = _run(
        "import sys\n"
        "import ruamel.yaml\n"
        "before = sys.modules['ruamel.yaml']\n"
        "from carekit.io.yamllib import ScalarNode\n"
        "print('same:', sys.modules['ruamel.yaml'] is before)\n"
        "print('nodes:', ScalarNode is ruamel.yaml.nodes.ScalarNode)\n"
    )
    assert "same: True" in out
    assert "nodes: True" in out


def test_the_nodes_a_check_uses_are_the_ones_the_api_makes():
    """carekit's isinstance checks on nodes composed before and after the package's
    __init__ ran see one set of classes."""
    out = _run(
        "from carekit.io.yamlguard import compose\n"
        "from carekit.io.yamllib import MappingNode, ScalarNode\n"
        "before = compose('a: 1\\n')\n"
        "from ruamel.yaml import YAML\n"
        "after = YAML(typ='safe', pure=True).compose('a: 1\\n')\n"
        "print(all(isinstance(n, MappingNode) for n in (before, after)),\n"
        "      all(isinstance(n.value[0][1], ScalarNode) for n in (before, after)))\n"
    )
    assert out.split() == ["True", "True"]


def test_without_the_c_extension_the_pure_parser_reads_the_draft():
    """ruamel.yaml.clib is installed on CPython only: elsewhere the package's __init__
    runs for the pure-Python parser and says so."""
    out = _run(
        "import sys\n"
        "sys.modules['_ruamel_yaml'] = None  # an import of it now fails\n"
        "from pathlib import Path\n"
        "from carekit.draft.loader import load_file\n"
        f"loaded = load_file(Path({str(SEED_000)!r}))\n"
        "import ruamel.yaml\n"
        "print('libyaml:', ruamel.yaml.__with_libyaml__)\n"
        "print('title:', loaded.draft.get('title'))\n"
    )
    assert "libyaml: False" in out
    assert "title: Iatrogenic calcinosis cutis" in out
