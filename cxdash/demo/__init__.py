"""Demo data: a deterministic, realistic customer database and workshop for cxdash.

``build(con, scale, seed)`` replaces every dataset of the open database with the demo; see
``cxdash.demo.generator`` for the story the data tells.
"""

from cxdash.demo.generator import END, SCALES, START, TX_START, build

__all__ = ["END", "SCALES", "START", "TX_START", "build"]
