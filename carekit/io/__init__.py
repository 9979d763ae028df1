"""Reading and writing files safely: the guarded YAML reader every data file goes
through, and atomic, contained writing of outputs."""
