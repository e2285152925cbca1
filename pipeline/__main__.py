"""`python -m pipeline`: the command line (pipeline.cli), exiting with its status.

A run's process ends holding a large heap (Dagster, dbt, the PDF readers), and the
interpreter's own teardown of it takes one to two seconds that a finished command
does not need. So the exit handlers run as usual (logs flushed, temporary folders
removed), the output streams are flushed, and the process then ends at once.
"""
import atexit
import os
import sys

from .cli import main

status = main()
atexit._run_exitfuncs()
sys.stdout.flush()
sys.stderr.flush()
os._exit(status or 0)
