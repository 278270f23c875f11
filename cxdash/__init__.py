"""cxdash: a customer-experience transformation dashboard along the eight OPPOSITE steps."""

__version__ = "0.1.0"
