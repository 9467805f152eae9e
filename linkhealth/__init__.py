"""Link health for the playbook: check every resource URL with linkchecker, classify each result, keep a
per-URL history, and report. `python scripts/check_links.py --help` (or `make links`) is the entry point."""
