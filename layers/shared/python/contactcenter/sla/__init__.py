"""SLA policies, business-hours calendars, escalation rules and the timers that enforce them."""
