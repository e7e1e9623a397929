"""The publication domain: records, their rendering, import and demo data.

Nothing in this package imports Flask or the web layer, so it can be used from the
command line, from tests and from any other front end.
"""
