"""Journal profiles: what each target journal asks beyond CARE, read from data files."""
