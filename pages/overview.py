"""Overview: the CMO's answer in seconds, lifecycle KPIs and the revenue trend."""

from cxdash.ui import frame, overview

frame.require()

overview.render()
