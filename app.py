"""The entry point: ``streamlit run app.py``.

Streamlit imports this file to find the server it serves (``app``: the app
with cxdash's start-up and the Plotly bundle its charts load,
cxdash/ui/serving.py), then
runs it as a script for every page view, which draws the frame
(cxdash/ui/shell.py) around the page asked for. Pages live in ``pages/``;
the library in ``cxdash/``.
"""

import streamlit as st

if __name__ == "__main__":  # a script run
    from cxdash.ui.shell import main

    main()
else:  # imported to be served
    from cxdash.ui import serving

    app = st.App(__file__, lifespan=serving.lifespan, routes=serving.ROUTES)
