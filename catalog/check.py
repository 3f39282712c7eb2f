"""The catalog's own consistency: every reference names something that exists.

Both clouds run this before they build anything (the local cloud before it provisions, the
CDK app before it synthesizes), so a broken reference fails fast with a sentence, not later
as a missing resource.
"""

from catalog import inventory
from catalog.lake_feeds import check_feeds
from catalog.specs import InconsistentDefinition


def check_catalog() -> None:
    """Refuse a catalog whose parts do not fit, before anything is created."""
    for spec in inventory.FUNCTIONS:
        if not (spec.code_dir / "handler.py").is_file():
            raise InconsistentDefinition(f"function {spec.name}: no handler.py in {spec.code_dir}")
        for table in [*spec.tables, *([spec.stream_from] if spec.stream_from else [])]:
            if table not in inventory.TABLES_BY_KEY:
                raise InconsistentDefinition(f"function {spec.name}: unknown table {table!r}")
        if spec.stream_from and not inventory.TABLES_BY_KEY[spec.stream_from].definition.stream_view_type:
            raise InconsistentDefinition(f"function {spec.name}: table {spec.stream_from!r} has no stream")
        for bucket in spec.buckets:
            if bucket not in inventory.BUCKETS:
                raise InconsistentDefinition(f"function {spec.name}: unknown bucket {bucket!r}")
        for bus in spec.publishes_to:
            if bus not in inventory.EVENT_BUSES:
                raise InconsistentDefinition(f"function {spec.name}: unknown event bus {bus!r}")
    for rule in inventory.EVENT_RULES:
        if rule.function not in inventory.FUNCTIONS_BY_NAME or rule.bus not in (None, *inventory.EVENT_BUSES):
            raise InconsistentDefinition(f"event rule {rule.key}: unknown function or bus")
    check_feeds()
    for machine in inventory.STATE_MACHINES:
        for placeholder, function in machine.functions.items():
            if function not in inventory.FUNCTIONS_BY_NAME:
                raise InconsistentDefinition(
                    f"state machine {machine.key}: {placeholder} names unknown function {function!r}"
                )
