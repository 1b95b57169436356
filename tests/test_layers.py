"""The layers the code obeys: `chidoan.lib` <- members <- terms <- congress <- reports <- `chidoan.web`.

import-linter checks the imports (the contracts in pyproject.toml); this module checks what
import-linter cannot see: a lower layer's Python code naming a higher layer's URL
(`reverse("reports:list")`, `redirect(f"congress:{name}")`, a helper given "reports:ballots",
`reverse_lazy("dashboard")`). Links between the apps' pages belong in templates
(`{% url 'reports:list' %}`), which every layer may use.

The order of the layers is read from the layers contract of pyproject.toml, so there is
one definition of it; the URL namespaces are placed in a layer by the module of their
URL configuration (members.urls -> members), and the names outside any namespace
("dashboard", "home", "login", ...) belong to the top layer, which owns the root URLs.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))

# The calls that turn a URL name into an address.
REVERSERS = {"reverse", "reverse_lazy", "redirect", "resolve_url"}


def layers_bottom_up() -> list[tuple[str, ...]]:
    """The layers contract of pyproject.toml, lowest first; each layer is one or more modules ("a | b")."""
    (contract,) = [c for c in PYPROJECT["tool"]["importlinter"]["contracts"] if c["type"] == "layers"]
    return [tuple(m.strip() for m in layer.split("|")) for layer in reversed(contract["layers"])]


LAYERS = layers_bottom_up()
TOP = len(LAYERS) - 2  # the last layer holds only chidoan.urls/wsgi/asgi; the pages' layer is chidoan.web


def layer_of(module: str) -> int | None:
    """The index (0 = lowest) of the layer `module` belongs to, by the longest matching package."""
    best: tuple[int, int] | None = None
    for index, layer in enumerate(LAYERS):
        for package in layer:
            if (module == package or module.startswith(package + ".")) and (best is None or len(package) > best[1]):
                best = (index, len(package))
    return None if best is None else best[0]


def layer_name(index: int) -> str:
    return " | ".join(LAYERS[index])


def url_namespaces(patterns: Iterable[URLPattern | URLResolver] | None = None) -> dict[str, int]:
    """Each URL namespace of ours, with the layer of the module its URL configuration lives in."""
    found: dict[str, int] = {}
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            module = getattr(pattern.urlconf_module, "__name__", "")
            layer = layer_of(module)
            if pattern.namespace and layer is not None:
                found.setdefault(pattern.namespace, layer)
            found.update({k: v for k, v in url_namespaces(pattern.url_patterns).items() if k not in found})
    return found


def root_url_names() -> set[str]:
    """The names outside any namespace: the top layer's (the start page, the dashboard, sign-in, ...)."""
    names: set[str] = set()

    def walk(patterns: Iterable[URLPattern | URLResolver]) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if not pattern.namespace:
                    walk(pattern.url_patterns)
            elif pattern.name:
                names.add(pattern.name)

    walk(get_resolver().url_patterns)
    return names


@dataclass(frozen=True)
class Offence:
    path: str
    line: int
    name: str
    layer: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.name!r} is a URL of {layer_name(self.layer)}"


def _called_name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def offences_in(
    source: str, path: str, own_layer: int, namespaces: dict[str, int], roots: set[str]
) -> Iterator[Offence]:
    """The URL names of higher layers in one module's source.

    A namespaced name counts wherever it is written (also when handed to a helper that reverses it);
    an f-string counts by its namespace ("reports:{name}"); a root name counts as the URL argument of
    a reversing call, since a bare "home" or "login" may mean other things.
    """
    by_namespace = re.compile(rf"^({'|'.join(map(re.escape, namespaces))}):" if namespaces else r"^(?!)")

    def higher(name: str, layer: int, node: ast.expr) -> Iterator[Offence]:
        if layer > own_layer:
            yield Offence(path, node.lineno, name, layer)

    tree = ast.parse(source, filename=path)
    in_fstring = {id(part) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for part in node.values}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in in_fstring:
            match = by_namespace.match(node.value)
            if match:
                yield from higher(node.value, namespaces[match.group(1)], node)
        elif isinstance(node, ast.JoinedStr) and node.values:
            first = node.values[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                match = by_namespace.match(first.value)
                if match:
                    yield from higher(ast.unparse(node), namespaces[match.group(1)], node)
        elif isinstance(node, ast.Call) and _called_name(node) in REVERSERS:
            arguments = [*node.args[:1], *(k.value for k in node.keywords if k.arg in {"viewname", "to"})]
            for argument in arguments:
                if isinstance(argument, ast.Constant) and isinstance(argument.value, str) and argument.value in roots:
                    yield from higher(argument.value, TOP, argument)


def lower_modules() -> Iterator[tuple[Path, int]]:
    """Every Python file of the layers below the top (migrations aside), with its layer."""
    for index, layer in enumerate(LAYERS[:TOP]):
        for package in layer:
            for path in sorted((ROOT / package.replace(".", "/")).rglob("*.py")):
                if "migrations" not in path.relative_to(ROOT).parts:
                    yield path, index


def scan() -> list[Offence]:
    namespaces, roots = url_namespaces(), root_url_names()
    found: list[Offence] = []
    for path, layer in lower_modules():
        relative = path.relative_to(ROOT).as_posix()
        found.extend(offences_in(path.read_text(encoding="utf-8"), relative, layer, namespaces, roots))
    return found


# The tests ---------------------------------------------------------------------


def test_no_lower_layer_names_a_higher_layers_url():
    offences = [str(o) for o in scan()]
    assert not offences, "Link to these pages from the templates instead:\n" + "\n".join(offences)


SAMPLE = """
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy

def view(request, slug, name):
    reverse("members:list", kwargs={"slug": slug})
    reverse("reports:list", kwargs={"slug": slug})
    redirect(f"congress:{name}", slug=slug)
    helper_that_reverses("terms:targets", slug=slug)
    redirect("dashboard", slug=slug)
    reverse(viewname="home")
    text = "home"
    note = f"members:{name}"

success_url = reverse_lazy("login")
"""


def test_the_scan_finds_each_way_of_naming_a_higher_url_with_file_and_line():
    namespaces = {"members": 1, "terms": 2, "congress": 3, "reports": 4}
    found = [str(o) for o in offences_in(SAMPLE, "members/views/x.py", 1, namespaces, {"dashboard", "home", "login"})]
    assert sorted(found) == sorted(
        [
            f"members/views/x.py:7: 'reports:list' is a URL of {layer_name(4)}",
            f"members/views/x.py:8: \"f'congress:{{name}}'\" is a URL of {layer_name(3)}",
            f"members/views/x.py:9: 'terms:targets' is a URL of {layer_name(2)}",
            f"members/views/x.py:10: 'dashboard' is a URL of {layer_name(TOP)}",
            f"members/views/x.py:11: 'home' is a URL of {layer_name(TOP)}",
            f"members/views/x.py:15: 'login' is a URL of {layer_name(TOP)}",
        ]
    )


def test_the_layers_are_in_the_order_of_the_house():
    assert LAYERS[: TOP + 1] == [
        ("chidoan.lib",),
        ("members",),
        ("terms",),
        ("congress",),
        ("reports",),
        ("chidoan.web",),
    ]


def test_each_url_namespace_of_ours_sits_in_its_apps_layer():
    assert url_namespaces() == {
        "members": 1,
        "organisations": 1,
        "terms": 2,
        "congress": 3,
        "reports": 4,
        "received": 4,
    }


def test_every_app_of_ours_has_a_layer():
    ours = [c.name for c in apps.get_app_configs() if (ROOT / c.name.replace(".", "/")).is_dir()]
    assert ours and [name for name in ours if layer_of(name) is None] == []


def test_the_import_contracts_are_kept():
    """The same check as `make lint` (well under a second): a lower layer never imports a higher one."""
    result = subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports"), "--no-cache", "--no-logo"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout
