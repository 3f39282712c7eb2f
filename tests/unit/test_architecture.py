"""The rules between the parts of the code, checked on the real import graph (grimp, the
engine of import-linter).

The banned imports per folder (CDK only in infra/, moto only in the local cloud, tests and
benchmarks, nothing of the catalog, CDK or local cloud in layers/ and functions/) are ruff's
TID251 rules, one ruff.toml per folder. What ruff cannot see is the shape of the graph: the
domain package's bounded contexts (its subpackages) may depend on each other only one way,
and the shared kernel (its top-level modules and ``contactcenter.api``) on none of them.
"""

import grimp
import pytest

PACKAGE = "contactcenter"
KERNEL_PACKAGES = {f"{PACKAGE}.api"}


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph(PACKAGE)


def _parts(graph: grimp.ImportGraph) -> tuple[list[str], list[str]]:
    children = sorted(graph.find_children(PACKAGE))
    contexts = [c for c in children if graph.find_children(c) and c not in KERNEL_PACKAGES]
    kernel = [c for c in children if c not in contexts]
    return contexts, kernel


def _depends(graph: grimp.ImportGraph, importer: str, imported: str) -> bool:
    return bool(graph.direct_import_exists(importer=importer, imported=imported, as_packages=True))


def _cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the graph, as the list of its nodes (first repeated last), or None."""
    state: dict[str, str] = {}
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = "open"
        path.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == "open":
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        state[node] = "done"
        path.pop()
        return None

    for start in sorted(edges):
        if start not in state and (found := visit(start)):
            return found
    return None


def test_the_bounded_contexts_depend_on_each_other_without_cycles(graph: grimp.ImportGraph) -> None:
    contexts, _ = _parts(graph)
    assert len(contexts) >= 10, contexts  # the contexts were found, not an empty graph
    edges = {a: {b for b in contexts if a != b and _depends(graph, a, b)} for a in contexts}
    cycle = _cycle(edges)
    assert cycle is None, "import cycle between bounded contexts: " + " -> ".join(
        part.removeprefix(f"{PACKAGE}.") for part in cycle or []
    )


def test_the_shared_kernel_imports_no_bounded_context(graph: grimp.ImportGraph) -> None:
    contexts, kernel = _parts(graph)
    offending = [
        (module, context) for module in kernel for context in contexts if _depends(graph, module, context)
    ]
    assert offending == [], f"kernel modules importing a bounded context: {offending}"


def test_the_cycle_finder_finds_a_cycle() -> None:
    # The check above is only as good as this: a three-context loop is reported, in order.
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": {"c"}}) is None
