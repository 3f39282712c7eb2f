"""Seeded traffic through the local contact center: callers and chatters through the real
contact flows, agents who answer, hold, wrap up and take breaks, on a simulated clock."""

from localcloud.traffic.generator import Traffic, TrafficOptions, run_traffic
from localcloud.traffic.summary import TrafficReport, summary_lines

__all__ = ["Traffic", "TrafficOptions", "TrafficReport", "run_traffic", "summary_lines"]
