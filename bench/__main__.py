"""make bench: every benchmark the issues ask for, one after the other."""

import sys

from bench import (
    api_calls,
    api_load,
    closed_loop,
    cold_start,
    flows,
    ivr_calls,
    monitor,
    reports,
    sla_sweep,
    traffic,
)

if __name__ == "__main__":
    cold_start.main()
    api_calls.main()
    ivr_calls.main()
    flows.main()
    closed_loop.main()
    sla_sweep.main()
    reports.main()
    monitor.main()
    api_load.main()
    traffic.main()
    sys.exit(0)
