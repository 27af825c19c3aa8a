from mof_lint.cli import run

run()
