"""`carekit render`: draft -> context -> Jinja -> Markdown -> HTML -> PDF.

Every output is made from the same Markdown, so the formats cannot drift apart. Only the
PDF step imports WeasyPrint.
"""
