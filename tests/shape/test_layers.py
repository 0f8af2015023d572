"""One shape for every app (issue 12, ENGINEERING.md "Shape"): apps depend downwards only, and
every app's files have the names a newcomer would guess.

Read by a newcomer as the map of Hearth: ``LAYERS`` lists the apps from the ground floor up.
An app may import the ground floor and any app in a lower layer, never one in its own layer
or above — not at module level, and not inside a function either (an import hidden in a
function is still a dependency). A lower app that must show a higher app's records offers a
registration point (``hearth.core.registry``, ``hearth.core.visibility``) instead.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import hearth

SRC = Path(hearth.__file__).parent

#: The ground floor (working days, then the core mechanisms and jobs) imports no app; each
#: later layer may import only the layers before it.
LAYERS: list[set[str]] = [
    {"calendar"},
    {"core", "jobs"},
    {"access"},
    {"drafts"},
    {"people"},
    {"chronology"},
    {"casework"},
    {"documents"},
    {"frontdoor"},
    {"assessments", "visits"},
    {"records"},
    {"tasks"},
    {"engagement"},
    {"safety"},
    {"incidents"},
    {"supervision"},
    {"protection"},
    {"releases"},
    {"lado", "differences", "fgc"},
    {"cin", "missing"},
    {"looked_after"},
    {"leaving_care"},
    {"web"},
    {"demo"},
]
#: The project's wiring (settings, the URL map, the API's routers, the command line) sits
#: above every app.
PROJECT = {"settings", "urls", "api", "cli", "wsgi", "__init__"}

#: The names every app's modules may have (ENGINEERING.md): a name that grows becomes a package
#: of the same name. Django's own conventions (apps, admin, middleware, context processors,
#: template tags, commands, migrations), the background job handlers and access's route
#: permissions are the only others. ``chronology``, ``due`` and ``status`` hold what an app
#: registers with the chronology, the list of what is due (``hearth.core.due``) and the child
#: at a glance (``hearth.core.status``). The ground floor and the demo are named by what each
#: module does.
LAYER_NAMES = {"models", "actions", "queries", "rules", "forms", "views", "api", "schemas",
               "urls", "codes", "chronology", "due", "status"}
DJANGO_NAMES = {"__init__", "apps", "admin", "middleware", "context_processors",
                "templatetags", "management", "migrations", "jobs", "templates", "static",
                "permissions", "backends"}
MAX_LINES = 400


def layer_of(app: str) -> int | None:
    for number, apps in enumerate(LAYERS):
        if app in apps:
            return number
    return None


def modules() -> Iterator[tuple[Path, str]]:
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC)
        if "migrations" in rel.parts:
            continue
        yield path, rel.parts[0] if len(rel.parts) > 1 else rel.stem


def hearth_imports(path: Path) -> Iterator[tuple[str, int, bool]]:
    """(imported hearth app, line, inside a function?) for every import in ``path``."""
    def visit(node: ast.AST, in_function: bool) -> Iterator[tuple[str, int, bool]]:
        for child in ast.iter_child_nodes(node):
            inside = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef))
            names: list[str] = []
            if isinstance(child, ast.ImportFrom) and child.module and child.level == 0:
                names = [child.module]
                if child.module == "hearth":
                    names = [f"hearth.{alias.name}" for alias in child.names]
            elif isinstance(child, ast.Import):
                names = [alias.name for alias in child.names]
            for name in names:
                parts = name.split(".")
                if parts[0] == "hearth" and len(parts) > 1:
                    yield parts[1], child.lineno, inside
            yield from visit(child, inside)
    yield from visit(ast.parse(path.read_text()), False)


def upward_imports() -> list[str]:
    found = []
    for path, app in modules():
        if app in PROJECT:
            continue
        own = layer_of(app)
        for target, line, inside in hearth_imports(path):
            if target == app:
                continue
            theirs = layer_of(target)
            if own is None or theirs is None or theirs >= own:
                where = "inside a function" if inside else "at module level"
                found.append(f"{path.relative_to(SRC)}:{line} imports hearth.{target} {where}")
    return found


def test_every_module_belongs_to_a_layer_or_the_project():
    unplaced = sorted({app for _, app in modules()
                       if app not in PROJECT and layer_of(app) is None})
    assert unplaced == [], f"Place these in LAYERS: {unplaced}"


def test_no_import_runs_back_up_the_layers():
    """A lower app never imports a higher one (nor one beside it), even inside a function."""
    assert upward_imports() == []


def misshapen() -> list[str]:
    found = []
    for path, app in modules():
        if app in PROJECT:
            continue
        rel = path.relative_to(SRC)
        top = rel.parts[1] if len(rel.parts) > 1 else ""
        name = top.removesuffix(".py")
        if app in {"core", "calendar", "demo"} or len(rel.parts) == 1:
            pass  # named by what each module does
        elif name not in LAYER_NAMES | DJANGO_NAMES:
            found.append(f"{rel}: not one of the names every app has")
        lines = len(path.read_text().splitlines())
        if lines > MAX_LINES:
            found.append(f"{rel}: {lines} lines (split it into one module per feature)")
    return found


def test_every_app_has_the_same_names_and_no_module_is_too_long():
    assert misshapen() == []


def test_feature_names_match_across_an_apps_packages():
    """``protection/views/conferences.py`` goes with ``actions/conferences.py`` (or forms,
    queries, api …): a page, API, form or action module whose feature name appears in none of
    the app's other packages is misnamed."""
    lonely = []
    for app_dir in sorted(p for p in SRC.iterdir() if p.is_dir()):
        packages = {p.name: {m.stem for m in p.glob("*.py") if m.stem != "__init__"}
                    for p in app_dir.iterdir()
                    if p.is_dir() and p.name in LAYER_NAMES and (p / "__init__.py").exists()}
        for name, features in packages.items():
            if name not in {"views", "api", "forms", "actions", "urls", "schemas"}:
                continue
            others = set().union(set(), *(f for n, f in packages.items() if n != name))
            lonely.extend(f"{app_dir.name}/{name}/{feature}.py"
                          for feature in sorted(features - others - {"common"})
                          if len(packages) > 1)
    assert lonely == []
