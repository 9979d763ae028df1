from carekit.cli import run

run()
