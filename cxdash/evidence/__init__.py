"""Evidence behind the step screens: small aggregated DataFrames computed in DuckDB.

One module per topic. Every function takes a connection, then plain hashable
arguments (a Period, Filters, numbers, strings) so the UI can cache it, and
returns a small DataFrame whose columns its docstring names.
"""
