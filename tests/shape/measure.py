"""Figures for the shape of the code (issue 12): ``python tests/shape/measure.py``.

Prints the number of modules, the median and largest module in lines, the lines of page and
API handlers, the number of refusal classes, and imports that run back up the layers."""

from __future__ import annotations

import ast
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.shape.test_layers import SRC, modules, upward_imports  # noqa: E402

REFUSAL_BASES = {"Exception", "ValueError", "Refused"}


def main() -> None:
    sizes, handler_lines, refusals = [], 0, []
    for path, _app in modules():
        text = path.read_text()
        sizes.append((len(text.splitlines()), str(path.relative_to(SRC))))
        tree = ast.parse(text)
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                bases = {getattr(b, "id", getattr(b, "attr", "")) for b in node.bases}
                named = any(b.endswith(("Refused", "Error")) and b != "FieldError" for b in bases)
                if bases & REFUSAL_BASES or named:
                    refusals.append(f"{path.relative_to(SRC)}:{node.name}")
            if isinstance(node, ast.FunctionDef) and node.decorator_list:
                decorators = ast.unparse(node.decorator_list[0])
                if decorators.startswith(("requires(", "router.", "mash_router.")):
                    handler_lines += node.end_lineno - node.lineno + 1
    lines = sorted(n for n, _ in sizes)
    largest = max(sizes)
    upward = upward_imports()
    inside = sum("inside a function" in u for u in upward)
    print(f"modules: {len(sizes)}")
    print(f"median module: {statistics.median(lines):.0f} lines; largest: {largest[0]} "
          f"({largest[1]}); over 400: {sum(n > 400 for n in lines)}")
    print(f"handler lines (pages and API): {handler_lines}")
    print(f"refusal classes: {len(refusals)}")
    print(f"imports that run back up: {len(upward) - inside} at module level, "
          f"{inside} inside functions")
    if "-v" in sys.argv:
        print("\n".join(refusals + upward))


if __name__ == "__main__":
    main()
