"""Pure figure builders: a small, already aggregated DataFrame in, a Plotly Figure out.

Builders take the words they show (titles, axis labels) as arguments, so the
same figure serves every language, and they never query the database.
"""
