"""Checking a loaded draft: the rules, the engine that runs them into findings and CARE
item statuses, inline suppressions, the checklist, and the reporters that print findings."""
