"""Identifying details: the detectors that find them in patient text, and the metadata
reader and scrubber for figure files."""
