"""carekit: check case-report drafts against CARE and render them as manuscripts."""

__version__ = "0.1.0"
